package io.mlops.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the {@code server.properties} of a single-node KRaft cluster (one process is both broker
 * and controller). Rewritten on every start because a port may change between starts; the
 * partition data does not depend on it.
 */
final class ServerPropertiesWriter {

    static final String FILE_NAME = "server.properties";
    static final String LOG_DIR_NAME = "kraft-logs";
    static final int DEFAULT_PARTITIONS = 3;

    private ServerPropertiesWriter() {
    }

    static Path write(Path dataDir, BrokerPorts ports) {
        Path file = dataDir.resolve(FILE_NAME);
        String text = properties(dataDir, ports).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    static Path logDir(Path dataDir) {
        return dataDir.resolve(LOG_DIR_NAME);
    }

    static Map<String, String> properties(Path dataDir, BrokerPorts ports) {
        String host = "127.0.0.1";
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + host + ":" + ports.controller());
        p.put("listeners", "PLAINTEXT://" + host + ":" + ports.client() + ",CONTROLLER://" + host + ":" + ports.controller());
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + ports.client());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir(dataDir).toString().replace('\\', '/'));
        p.put("num.partitions", String.valueOf(DEFAULT_PARTITIONS));
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("min.insync.replicas", "1");
        // A single node has nobody to wait for; the default 3 s delays every first consumer group join.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly from Topics.all(); a typo in a topic name must fail, not create a topic.
        p.put("auto.create.topics.enable", "false");
        return p;
    }
}
