package io.mlops.cli;

import io.mlops.cli.platform.LocalPlatformSettings;
import io.mlops.cli.platform.PidFiles;
import io.mlops.cli.platform.PlatformStopper;
import io.mlops.cli.platform.ProcessStopper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code mlops down}: stops what {@code up} started, services first so they can still flush to
 * Kafka and PostgreSQL. Data under {@code $MLOPS_HOME} is kept. Running it twice is harmless.
 */
@Command(
        name = "down",
        mixinStandardHelpOptions = true,
        description = {
                "Stops the local platform: the services, then Kafka, then PostgreSQL.",
                "",
                "Each gets SIGTERM and, if still running after the timeout, SIGKILL. Data is kept."})
final class DownCommand implements Callable<Integer> {

    @ParentCommand
    private MlopsCommand root;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long each process may take to shut down before it is killed (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Override
    public Integer call() throws IOException {
        Terminal terminal = root.terminal();
        if (timeoutSeconds < 0) {
            terminal.error("--timeout must not be negative");
            return ExitCodes.USAGE;
        }
        LocalPlatformSettings settings = root.settings();
        PidFiles pidFiles = new PidFiles(settings);
        PlatformStopper stopper = PlatformStopper.of(settings, Duration.ofSeconds(timeoutSeconds));
        Map<String, ProcessHandle> live = pidFiles.live();
        List<String> stale = pidFiles.removeStale();
        if (!stale.isEmpty()) {
            terminal.println(terminal.dim("removed stale pid files of " + String.join(", ", stale)
                    + " (those processes had already exited)"));
        }
        if (live.isEmpty() && stopper.orphanPostgres().isEmpty()) {
            terminal.println("nothing is running");
            return ExitCodes.OK;
        }
        if (!live.isEmpty()) {
            terminal.println("stopping " + String.join(", ", PlatformStopper.stopOrder(live.keySet())) + " ...");
        }
        stopper.stop(live, (name, pid, outcome) -> terminal.println(describe(terminal, name, pid, outcome)));
        terminal.println("the platform is stopped (data kept in " + settings.home() + ")");
        return ExitCodes.OK;
    }

    static String describe(Terminal terminal, String name, long pid, ProcessStopper.Outcome outcome) {
        return switch (outcome) {
            case STOPPED -> terminal.green("stopped ") + name + " (pid " + pid + ")";
            case KILLED -> terminal.yellow("killed  ") + name + " (pid " + pid + ", did not stop in time)";
            case NOT_RUNNING -> terminal.dim("gone    ") + name + " (pid " + pid + " had already exited)";
        };
    }
}
