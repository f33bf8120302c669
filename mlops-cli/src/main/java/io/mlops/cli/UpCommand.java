package io.mlops.cli;

import io.mlops.cli.platform.Component;
import io.mlops.cli.platform.Components;
import io.mlops.cli.platform.LocalPlatformSettings;
import io.mlops.cli.platform.PidFiles;
import io.mlops.cli.platform.Probes;
import io.mlops.infra.InfraStartException;
import io.mlops.infra.kafka.KafkaLibDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code mlops up}: checks that the platform is built, which of it is already running and that the
 * ports of the rest are free, then hands over to {@link StartupSequence}. A successful run leaves everything running
 * after the CLI exits.
 */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
                "Starts the local platform in the background: Kafka, PostgreSQL and the four services.",
                "",
                "Waits until each is ready, then prints where to reach it. Ctrl-C while starting stops what "
                        + "was started. Builds nothing: use ./mlops (which builds when needed) or run "
                        + "mvn -DskipTests install first.",
                "",
                "No broker is started when MLOPS_KAFKA_BOOTSTRAP names another one, and no PostgreSQL when "
                        + "MLOPS_DB_URL is set. Each service listens on the port of its MLOPS_*_URL (default "
                        + "8081-8084). When everything is running already, waits until it is ready. Logs go to "
                        + "$MLOPS_HOME/logs, pid files to $MLOPS_HOME/run."})
final class UpCommand implements Callable<Integer> {

    private static final Pattern HEAP_SIZE = Pattern.compile("\\d+[kKmMgG]?");

    @ParentCommand
    private MlopsCommand root;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for the components to become ready (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Option(names = "--infra-only", description = "Start only Kafka and PostgreSQL.")
    private boolean infraOnly;

    @Option(names = "--service-heap", paramLabel = "SIZE", defaultValue = "256m",
            description = "Maximum heap of each service JVM (default: ${DEFAULT-VALUE}).")
    private String serviceHeap;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Terminal terminal = root.terminal();
        if (timeoutSeconds <= 0 || !HEAP_SIZE.matcher(serviceHeap).matches()) {
            terminal.error(timeoutSeconds <= 0
                    ? "--timeout must be a positive number of seconds"
                    : "--service-heap must look like 256m or 1g, was '" + serviceHeap + "'");
            return ExitCodes.USAGE;
        }
        LocalPlatformSettings settings = root.settings();
        List<Component> services = infraOnly ? List.of() : Components.services(settings);
        Optional<String> unplaceable = unplaceable(services);
        if (unplaceable.isPresent()) {
            terminal.error(unplaceable.get());
            return ExitCodes.USAGE;
        }

        List<Path> missing = missingArtifacts(settings, services);
        if (!missing.isEmpty()) {
            reportMissing(terminal, settings, missing);
            return ExitCodes.FAILURE;
        }
        PidFiles pidFiles = new PidFiles(settings);
        Map<String, ProcessHandle> live = pidFiles.live();
        pidFiles.removeStale();

        List<Component> toStart = new ArrayList<>();
        Components.all(settings).stream()
                .filter(c -> !c.isService() && Components.isManaged(c, settings))
                .forEach(toStart::add);
        toStart.addAll(services);
        toStart.removeIf(c -> live.containsKey(c.name()));
        if (toStart.isEmpty()) {
            // Nothing to start, but the promise stands: up returns once every service is ready.
            terminal.println("the platform is already running (see `mlops status`): "
                    + String.join(", ", live.keySet()));
            terminal.println("to start it afresh: mlops down && mlops up");
        } else if (!live.isEmpty()) {
            // A component that died (or was stopped) comes back without disturbing the others.
            terminal.println("already running: " + String.join(", ", live.keySet()) + "; starting the rest");
        }
        List<Component> busy = toStart.stream().filter(c -> Probes.tcpOpen(c.endpoint())).toList();
        if (!busy.isEmpty()) {
            busy.forEach(c -> terminal.error("port " + c.port() + " (" + c.name()
                    + ") is already in use by another process; stop it first"));
            return ExitCodes.FAILURE;
        }
        if (!toStart.isEmpty()) {
            for (Path dir : List.of(settings.home(), settings.logsDir(), settings.runDir(), settings.artifactDir())) {
                Files.createDirectories(dir);
            }
        }
        Set<String> starting = toStart.stream().map(Component::name).collect(Collectors.toSet());
        return new StartupSequence(terminal, settings, pidFiles, services, starting, live,
                Duration.ofSeconds(timeoutSeconds), serviceHeap).run();
    }

    /**
     * Why the services cannot be started where the platform's URLs say, if they cannot: every one
     * runs on this machine, each on its own port.
     */
    private static Optional<String> unplaceable(List<Component> services) {
        Map<Integer, String> byPort = new HashMap<>();
        for (Component service : services) {
            if (!service.endpoint().isLoopback()) {
                return Optional.of("mlops up runs " + service.name() + " on this machine, but its URL names "
                        + service.endpoint().host() + "; point it at 127.0.0.1 (any port) or unset it");
            }
            String other = byPort.putIfAbsent(service.port(), service.name());
            if (other != null) {
                return Optional.of(other + " and " + service.name() + " are both given port " + service.port()
                        + " by their MLOPS_*_URL; give each its own");
            }
        }
        return Optional.empty();
    }

    private static List<Path> missingArtifacts(LocalPlatformSettings settings, List<Component> services) {
        List<Path> missing = new ArrayList<>();
        services.stream().map(Component::jar).filter(jar -> !Files.isRegularFile(jar)).forEach(missing::add);
        if (!settings.externalKafka() && !hasBroker(settings.kafkaLib())) {
            missing.add(settings.kafkaLib());
        }
        return missing;
    }

    private static boolean hasBroker(Path kafkaLib) {
        try {
            KafkaLibDir.verify(kafkaLib);
            return true;
        } catch (InfraStartException e) {
            return false;
        }
    }

    private static void reportMissing(Terminal terminal, LocalPlatformSettings settings, List<Path> missing) {
        terminal.error("the platform is not built; missing under " + settings.root() + ":");
        for (Path path : missing) {
            Path shown = path.startsWith(settings.root()) ? settings.root().relativize(path) : path;
            terminal.errorDetail("  " + shown);
        }
        terminal.errorDetail("run: mvn -DskipTests install   (in " + settings.root() + "), or use the ./mlops "
                + "wrapper, which builds when needed");
        terminal.errorDetail("(the repository root is taken from -Dmlops.root, else the current directory)");
    }
}
