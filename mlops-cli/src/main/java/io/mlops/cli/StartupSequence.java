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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of {@code mlops up} once its checks have passed: PostgreSQL and Kafka (launched side by
 * side, as each takes a few seconds), then the services, reporting progress as it goes.
 *
 * <p>A shutdown hook covers Ctrl-C: it stops whatever this run started. Any other failure stops
 * it too, after showing the end of the failing component's log, so no half-started platform is
 * left behind. Only a complete start leaves processes running.
 */
final class StartupSequence {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final Terminal terminal;
    private final LocalPlatformSettings settings;
    /** Every service: those this run starts and those already running, all waited for. */
    private final List<Component> services;
    /** Names of the components this run starts; the others are running already (or external). */
    private final Set<String> starting;
    /** The processes of the components already running, by name. */
    private final Map<String, ProcessHandle> running;
    private final PlatformStarter starter;
    private final PlatformStopper stopper;
    private final Duration timeout;
    private final String serviceHeap;
    /** Set by the shutdown hook: from then on failures are the hook's doing, not worth reporting. */
    private volatile boolean interrupted;
    /**
     * Set when only services that were running before this run failed to become ready: what this
     * run started is sound and stays up (stopping a broker it just brought back would take it away
     * from the healthy services too).
     */
    private boolean onlyRunningOnesFailed;

    StartupSequence(Terminal terminal, LocalPlatformSettings settings, PidFiles pidFiles, List<Component> services,
            Set<String> starting, Map<String, ProcessHandle> running, Duration timeout, String serviceHeap) {
        this.terminal = terminal;
        this.settings = settings;
        this.services = services;
        this.starting = Set.copyOf(starting);
        this.running = Map.copyOf(running);
        this.timeout = timeout;
        this.serviceHeap = serviceHeap;
        this.starter = new PlatformStarter(settings, ProcessLauncher.forCurrentJvm(), pidFiles);
        this.stopper = new PlatformStopper(pidFiles, STOP_GRACE,
                settings.externalDb() ? null : settings.postgresDataDir());
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
            if (!ok && !onlyRunningOnesFailed) {
                stopStarted();
            } else if (!ok && !starter.started().isEmpty()) {
                terminal.println("left running what this run started: " + String.join(", ", starter.started().keySet()));
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
        } else if (starting.contains(Components.POSTGRES)) {
            terminal.println("starting postgres on port " + LocalPlatformSettings.LOCAL_POSTGRES_PORT
                    + " (data " + settings.postgresDataDir() + ")");
            postgres = starter.launchPostgres();
        }
        if (settings.externalKafka()) {
            checkExternal("Kafka", Components.kafka(settings));
        } else if (starting.contains(Components.KAFKA)) {
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
        List<String> toStart = services.stream().map(Component::name).filter(starting::contains).toList();
        terminal.println(toStart.isEmpty() ? "waiting for the running services to be ready"
                : "starting " + String.join(", ", toStart));
        Probes probes = new Probes();
        List<ReadinessWaiter.Target> targets = new ArrayList<>();
        for (Component service : services) {
            // One already running is waited for too: it may still be starting, or be unwell.
            ProcessHandle process = starting.contains(service.name())
                    ? starter.startService(service, effective, serviceHeap).toHandle()
                    : running.get(service.name());
            targets.add(new ReadinessWaiter.Target(service.name(),
                    () -> probes.httpStatus(service.healthUrl()).orElse(-1) == 200, process));
        }
        ReadinessWaiter.Result result = new ReadinessWaiter(Duration.ofMillis(250))
                .await(targets, timeout, new ReadinessProgress(terminal, processes(targets)));
        if (result.allReady() || interrupted) {
            return result.allReady();
        }
        onlyRunningOnesFailed = result.failed().stream().noneMatch(starting::contains);
        result.states().forEach((name, state) -> {
            switch (state) {
                case EXITED -> {
                    terminal.error(name + (starting.contains(name) ? " exited during start-up" : " exited"));
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

    private static Map<String, ProcessHandle> processes(List<ReadinessWaiter.Target> targets) {
        Map<String, ProcessHandle> processes = new HashMap<>();
        targets.forEach(t -> processes.put(t.name(), t.process()));
        return processes;
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
