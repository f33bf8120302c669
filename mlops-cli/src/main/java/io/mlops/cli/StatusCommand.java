package io.mlops.cli;

import io.mlops.cli.platform.Component;
import io.mlops.cli.platform.Components;
import io.mlops.cli.platform.LocalPlatformSettings;
import io.mlops.cli.platform.PidFiles;
import io.mlops.cli.platform.Probes;
import io.mlops.cli.platform.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code mlops status}: one line per component: whether its process runs, and whether it is
 * ready (a service's {@code /q/health/ready}; a TCP connect for Kafka and PostgreSQL). The
 * probes run in parallel, so a hung component costs one timeout, not one each.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
                "Shows whether each component of the local platform is running and ready.",
                "",
                "Exit code 0 when everything is up, 3 otherwise."})
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    private MlopsCommand root;

    /** What was found for one component. */
    record Row(Component component, String state, String pid, boolean ready, String readiness) {
    }

    @Override
    public Integer call() {
        Terminal terminal = root.terminal();
        LocalPlatformSettings settings = root.settings();
        List<Row> rows = probeAll(settings);
        terminal.print(render(terminal, rows));
        boolean allUp = rows.stream().allMatch(Row::ready);
        return allUp ? ExitCodes.OK : ExitCodes.NOT_ALL_UP;
    }

    static String render(Terminal terminal, List<Row> rows) {
        Table table = new Table("COMPONENT", "STATE", "PID", "PORT", "READY");
        for (Row row : rows) {
            String state = switch (row.state()) {
                case "running" -> terminal.green(row.state());
                case "stopped" -> terminal.red(row.state());
                default -> terminal.yellow(row.state());
            };
            String readiness = row.ready() ? terminal.green(row.readiness()) : terminal.red(row.readiness());
            String port = row.state().equals("external")
                    ? row.component().endpoint().toString()
                    : String.valueOf(row.component().port());
            table.row(row.component().name(), state, row.pid(), port, readiness);
        }
        return table.render();
    }

    private static List<Row> probeAll(LocalPlatformSettings settings) {
        Map<String, ProcessHandle> live = new PidFiles(settings).live();
        Probes probes = new Probes();
        List<Component> components = Components.all(settings);
        ExecutorService pool = Executors.newFixedThreadPool(components.size());
        try {
            List<CompletableFuture<Row>> futures = components.stream()
                    .map(c -> CompletableFuture.supplyAsync(() -> probe(c, settings, live.get(c.name()), probes), pool))
                    .toList();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static Row probe(Component component, LocalPlatformSettings settings, ProcessHandle process,
            Probes probes) {
        boolean ready;
        String readiness;
        if (component.isService()) {
            OptionalInt status = probes.httpStatus(component.healthUrl());
            ready = status.isPresent() && status.getAsInt() == 200;
            readiness = status.isEmpty() ? "no answer"
                    : (ready ? "ready" : "not ready") + " (HTTP " + status.getAsInt() + ")";
        } else {
            ready = Probes.tcpOpen(component.endpoint());
            readiness = ready ? "port open" : "port closed";
        }
        String state;
        if (!Components.isManaged(component, settings)) {
            state = "external";
        } else if (process != null) {
            state = "running";
        } else {
            state = ready ? "not started by mlops" : "stopped";
        }
        String pid = process != null ? String.valueOf(process.pid()) : "-";
        return new Row(component, state, pid, ready, readiness);
    }
}
