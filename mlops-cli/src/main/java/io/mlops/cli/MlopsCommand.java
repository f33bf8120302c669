package io.mlops.cli;

import io.mlops.cli.platform.LocalPlatformSettings;
import io.mlops.cli.simulate.BadOptionValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The {@code mlops} command. Subcommands reach the shared settings and terminal through
 * {@link #settings()} and {@link #terminal()}, which read the environment this instance was
 * built with, so tests can run commands against a temporary home and repository root.
 */
@Command(
        name = "mlops",
        mixinStandardHelpOptions = true,
        versionProvider = MlopsCommand.Version.class,
        description = "Runs the MLOps platform locally: Kafka, PostgreSQL and the four services.",
        footer = {
                "",
                "Environment: MLOPS_HOME (default ~/.mlops), MLOPS_DB_URL, MLOPS_DB_USER, MLOPS_DB_PASSWORD, "
                        + "MLOPS_KAFKA_BOOTSTRAP, MLOPS_REGISTRY_URL, MLOPS_FEATURE_STORE_URL, MLOPS_INFERENCE_URL, "
                        + "MLOPS_MONITOR_URL, MLOPS_ARTIFACT_DIR. Set MLOPS_DEBUG=1 for stack traces.",
                "",
                "From a checkout, ./mlops bench [--quick] [--only inference,drift,...] runs the benchmark suite "
                        + "(its own module; see docs/benchmarks.md)."},
        subcommands = {
                UpCommand.class,
                StatusCommand.class,
                DownCommand.class,
                LogsCommand.class,
                TrainCommand.class,
                PromoteCommand.class,
                ModelsCommand.class,
                RunsCommand.class,
                PredictCommand.class,
                SimulateCommand.class,
                DemoCommand.class,
                AutopilotCommand.class,
                CommandLine.HelpCommand.class})
public final class MlopsCommand implements Callable<Integer> {

    private final Map<String, String> env;
    private final Properties properties;
    private LocalPlatformSettings settings;
    private Terminal terminal;

    @Spec
    CommandSpec spec;

    public MlopsCommand() {
        this(System.getenv(), System.getProperties());
    }

    public MlopsCommand(Map<String, String> env, Properties properties) {
        this.env = Map.copyOf(env);
        this.properties = properties;
    }

    /** Held so the setting sticks: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    public static void main(String[] args) {
        // Tribuo logs every SGD iteration at INFO; the CLI reports training progress itself.
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(commandLine(new MlopsCommand()).execute(args));
    }

    /**
     * A configured command line: errors become one readable line and exit code 1, or 2 for a value
     * the command line got wrong (a duration, a rate, a drift: {@link BadOptionValue}).
     */
    public static CommandLine commandLine(MlopsCommand command) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((e, failed, parseResult) -> {
            command.terminal().error(e.getMessage() != null ? e.getMessage() : e.toString());
            if (command.env.containsKey("MLOPS_DEBUG")) {
                e.printStackTrace(failed.getErr());
            }
            return e instanceof BadOptionValue ? ExitCodes.USAGE : ExitCodes.FAILURE;
        });
        return cli;
    }

    /** Without a subcommand: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    LocalPlatformSettings settings() {
        if (settings == null) {
            settings = LocalPlatformSettings.from(env, properties);
        }
        return settings;
    }

    Terminal terminal() {
        if (terminal == null) {
            CommandLine cli = spec.commandLine();
            terminal = Terminal.detect(cli.getOut(), cli.getErr(), env);
        }
        return terminal;
    }

    /** Replaces terminal detection, e.g. to force plain output. */
    void useTerminal(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Who CLI writes are attributed to in the services ({@code X-Actor}): {@code mlops-cli:<user>}. */
    String actor() {
        return "mlops-cli:" + env.getOrDefault("USER", "anonymous");
    }

    Map<String, String> env() {
        return env;
    }

    /** The version recorded in the jar's manifest at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MlopsCommand.class.getPackage().getImplementationVersion();
            return new String[] {"mlops " + (version != null ? version : "(development build)")};
        }
    }
}
