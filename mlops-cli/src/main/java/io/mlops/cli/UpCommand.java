package io.mlops.cli;

import io.mlops.cli.platform.Component;
import io.mlops.cli.platform.Components;
import io.mlops.cli.platform.LocalPlatformSettings;
import io.mlops.cli.platform.PidFiles;
import io.mlops.cli.platform.PlatformStarter;
import io.mlops.cli.platform.PlatformStopper;
import io.mlops.cli.platform.Probes;
import io.mlops.cli.platform.ProcessLauncher;
import io.mlops.cli.platform.ProcessStopper;
import io.mlops.cli.platform.ReadinessWaiter;
import io.mlops.cli.platform.StartupException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code mlops up}: starts Kafka, PostgreSQL and the four services in the background and waits
 * until each is ready. A successful run leaves everything running after the CLI exits; a failed
 * or interrupted one stops what it started, so it never leaves a half-started platform behind.
 */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
                "Starts the local platform in the background: Kafka, PostgreSQL and the four services.",
                "Builds nothing: run ./mlops (which builds when needed) or mvn -DskipTests install first.",
                "Kafka is not started when MLOPS_KAFKA_BOOTSTRAP names another broker, nor PostgreSQL",
                "when MLOPS_DB_URL is set. Logs go to $MLOPS_HOME/logs, pid files to $MLOPS_HOME/run."})
final class UpCommand implements Callable<Integer> {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

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
        LocalPlatformSettings settings = root.settings();
        List<Component> services = infraOnly ? List.of() : Components.services(settings.root());

        List<Path> missing = missingArtifacts(settings, services);
        if (!missing.isEmpty()) {
            reportMissing(terminal, settings, missing);
            return ExitCodes.FAILURE;
        }
        PidFiles pidFiles = new PidFiles(settings);
        Map<String, ProcessHandle> live = pidFiles.live();
        if (!live.isEmpty()) {
            terminal.println("the platform is already running (see `mlops status`): "
                    + String.join(", ", live.keySet()));
            return ExitCodes.OK;
        }
        pidFiles.removeStale();

        List<Component> toStart = new ArrayList<>();
        Components.all(settings).stream()
                .filter(c -> !c.isService() && Components.isManaged(c, settings))
                .forEach(toStart::add);
        toStart.addAll(services);
        List<Component> busy = toStart.stream().filter(c -> Probes.tcpOpen(c.endpoint())).toList();
        if (!busy.isEmpty()) {
            busy.forEach(c -> terminal.error("port " + c.port() + " (" + c.name()
                    + ") is already in use by a process not started by mlops; stop it first"));
            return ExitCodes.FAILURE;
        }
        for (Path dir : List.of(settings.home(), settings.logsDir(), settings.runDir(), settings.artifactDir())) {
            Files.createDirectories(dir);
        }
        return new Startup(terminal, settings, pidFiles, services).run();
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
            terminal.out().println("  " + shown);
        }
        terminal.println("run: mvn -DskipTests install   (in " + settings.root() + "), or use the ./mlops wrapper,"
                + " which builds when needed");
        terminal.println("(the repository root is taken from -Dmlops.root, else the current directory)");
    }

    /** One start-up attempt, with its shutdown hook so that Ctrl-C stops what it started. */
    private final class Startup {

        private final Terminal terminal;
        private final LocalPlatformSettings settings;
        private final List<Component> services;
        private final PlatformStarter starter;
        private final PlatformStopper stopper;
        private final Duration timeout = Duration.ofSeconds(timeoutSeconds);
        /** Set by the shutdown hook: from then on failures are the hook's doing, not worth reporting. */
        private volatile boolean interrupted;

        Startup(Terminal terminal, LocalPlatformSettings settings, PidFiles pidFiles, List<Component> services) {
            this.terminal = terminal;
            this.settings = settings;
            this.services = services;
            this.starter = new PlatformStarter(settings, ProcessLauncher.forCurrentJvm(), pidFiles);
            this.stopper = new PlatformStopper(pidFiles, STOP_GRACE);
        }

        int run() throws InterruptedException {
            Thread hook = new Thread(this::onInterrupt, "mlops-up-interrupted");
            Runtime.getRuntime().addShutdownHook(hook);
            boolean ok = false;
            try {
                LocalPlatformSettings effective = startInfrastructure();
                ok = startServices(effective);
                if (ok) {
                    terminal.println("");
                    terminal.print(PlatformTables.endpoints(effective, services));
                    terminal.println("");
                    terminal.println("logs: " + settings.logsDir() + "  (mlops logs <name> -f)");
                    terminal.println("stop: mlops down");
                }
            } catch (StartupException e) {
                if (interrupted) {
                    return ExitCodes.FAILURE;
                }
                terminal.error(e.getMessage());
                if (!e.component().equals(Components.KAFKA)) {
                    // The broker launcher's own message already ends with its log.
                    showLogTail(e.component());
                }
            } finally {
                if (!ok) {
                    stopStarted();
                }
                removeHook(hook);
            }
            return ok ? ExitCodes.OK : ExitCodes.FAILURE;
        }

        private LocalPlatformSettings startInfrastructure() throws StartupException, InterruptedException {
            PlatformStarter.PendingPostgres postgres = null;
            long postgresStart = System.nanoTime();
            if (settings.externalDb()) {
                checkExternal("PostgreSQL", Components.postgres(settings));
            } else {
                terminal.println("starting postgres on port " + LocalPlatformSettings.LOCAL_POSTGRES_PORT
                        + " (data " + settings.postgresDataDir() + ")");
                postgres = starter.launchPostgres();
            }
            if (settings.externalKafka()) {
                checkExternal("Kafka", Components.kafka(settings));
            } else {
                terminal.println("starting kafka on port " + Components.kafka(settings).port()
                        + " (data " + settings.kafkaDataDir() + ")");
                long kafkaStart = System.nanoTime();
                ProcessHandle kafka = starter.startKafka();
                readyLine(Components.KAFKA, since(kafkaStart), kafka.pid());
            }
            if (postgres == null) {
                return settings;
            }
            String url = starter.awaitPostgres(postgres, timeout);
            readyLine(Components.POSTGRES, since(postgresStart), postgres.process().pid());
            return url.startsWith("jdbc:") ? settings.withDbUrl(url) : settings;
        }

        private boolean startServices(LocalPlatformSettings effective)
                throws StartupException, InterruptedException {
            if (interrupted) {
                return false;
            }
            if (services.isEmpty()) {
                return true;
            }
            terminal.println("starting " + String.join(", ", services.stream().map(Component::name).toList()));
            Probes probes = new Probes();
            List<ReadinessWaiter.Target> targets = new ArrayList<>();
            for (Component service : services) {
                Process process = starter.startService(service, effective, serviceHeap);
                targets.add(new ReadinessWaiter.Target(service.name(),
                        () -> probes.httpStatus(service.healthUrl()).orElse(-1) == 200, process.toHandle()));
            }
            ReadinessWaiter.Result result = new ReadinessWaiter(Duration.ofMillis(250))
                    .await(targets, timeout, new ReadinessProgress(terminal, starter.started()));
            if (result.allReady() || interrupted) {
                return result.allReady();
            }
            result.states().forEach((name, state) -> {
                switch (state) {
                    case EXITED -> {
                        terminal.error(name + " exited during start-up");
                        showLogTail(name);
                    }
                    case TIMED_OUT -> {
                        terminal.error(name + " was not ready after " + timeout.toSeconds()
                                + " s (GET /q/health/ready did not answer 200)");
                        showLogTail(name);
                    }
                    default -> { }
                }
            });
            return false;
        }

        private void checkExternal(String what, Component component) {
            terminal.println("using " + what + " at " + component.endpoint());
            if (!Probes.tcpOpen(component.endpoint())) {
                terminal.println(terminal.yellow("warning: ") + what + " at " + component.endpoint()
                        + " does not accept connections; the services will not become ready without it");
            }
        }

        private void readyLine(String name, Duration took, long pid) {
            if (interrupted) {
                return;
            }
            terminal.println(terminal.green("ready   ") + name + " in " + ReadinessProgress.seconds(took)
                    + " (pid " + pid + ")");
        }

        private void showLogTail(String component) {
            PlatformTables.printLogTail(terminal, settings.logFile(component), LOG_TAIL_LINES);
        }

        private void stopStarted() {
            if (interrupted || starter.started().isEmpty()) {
                return;
            }
            terminal.println("stopping what was started ...");
            starter.abort(stopper, this::stoppedLine);
        }

        /** Runs on Ctrl-C (or SIGTERM) while starting; stops everything this attempt started. */
        private void onInterrupt() {
            interrupted = true;
            terminal.println("");
            terminal.println("interrupted: stopping what was started ...");
            starter.abort(stopper, this::stoppedLine);
        }

        private void stoppedLine(String name, long pid, ProcessStopper.Outcome outcome) {
            terminal.println(DownCommand.describe(terminal, name, pid, outcome));
        }

        private void removeHook(Thread hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook is running or has run.
            }
        }

        private static Duration since(long startNanos) {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }
    }
}
