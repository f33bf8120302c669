package io.mlops.cli;

import io.mlops.cli.platform.Component;
import io.mlops.cli.platform.Components;
import io.mlops.cli.platform.LocalPlatformSettings;
import io.mlops.cli.platform.LogTail;
import io.mlops.cli.platform.ProcessLauncher;
import io.mlops.cli.platform.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The tables and excerpts the lifecycle commands print. */
final class PlatformTables {

    private PlatformTables() {
    }

    /** Where to reach everything once {@code up} is done. */
    static String endpoints(LocalPlatformSettings settings, List<Component> services) {
        Table table = services.isEmpty()
                ? new Table("COMPONENT", "PORT", "URL")
                : new Table("COMPONENT", "PORT", "URL", "SWAGGER UI", "METRICS");
        for (Component service : services) {
            table.row(service.name(), String.valueOf(service.port()), service.baseUrl(), service.swaggerUrl(),
                    service.metricsUrl());
        }
        Component kafka = Components.kafka(settings);
        table.row(kafka.name(), String.valueOf(kafka.port()), settings.kafkaBootstrap());
        Component postgres = Components.postgres(settings);
        table.row(postgres.name(), String.valueOf(postgres.port()), settings.dbUrl());
        return table.render();
    }

    /** Drops lines of earlier runs: the launcher starts each run's output with a header line. */
    static List<String> sinceLastStart(List<String> tail) {
        for (int i = tail.size() - 1; i >= 0; i--) {
            if (tail.get(i).startsWith(ProcessLauncher.HEADER_PREFIX)) {
                return tail.subList(i, tail.size());
            }
        }
        return tail;
    }

    /** The end of a component's log, to show why it failed. */
    static void printLogTail(Terminal terminal, Path log, int lines) {
        if (!Files.exists(log)) {
            terminal.println("(no log at " + log + ")");
            return;
        }
        try {
            List<String> tail = sinceLastStart(LogTail.lastLines(log, lines));
            terminal.println(terminal.dim(log + " (last " + tail.size() + " lines):"));
            tail.forEach(line -> terminal.out().println(terminal.dim("  | ") + line));
            terminal.out().flush();
        } catch (IOException e) {
            terminal.println("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }
}
