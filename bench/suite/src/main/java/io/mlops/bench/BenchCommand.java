package io.mlops.bench;

import io.mlops.bench.platform.BenchTargets;
import io.mlops.bench.platform.CpuMeter;
import io.mlops.bench.platform.HelloWorldProcess;
import io.mlops.bench.platform.Seed;
import io.mlops.bench.report.Section;
import io.mlops.bench.scenario.BenchContext;
import io.mlops.bench.scenario.BenchPlan;
import io.mlops.bench.scenario.DriftBench;
import io.mlops.bench.scenario.FeatureStoreBench;
import io.mlops.bench.scenario.InferenceBench;
import io.mlops.bench.scenario.IngestBench;
import io.mlops.bench.scenario.RegistryBench;
import io.mlops.cli.MlopsCommand;
import io.mlops.cli.platform.LocalPlatformSettings;
import io.mlops.cli.platform.PidFile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mlops bench}: starts the local platform if needed, seeds it, and measures each service
 * path beside its floor in the same run, writing a Markdown report.
 */
@Command(name = "mlops bench", mixinStandardHelpOptions = true,
        description = "Benchmarks every service path beside its floor (hello-world, raw JDBC, raw ONNX Runtime, "
                + "raw kafka-clients, JMH KLL) and writes a Markdown report.")
public final class BenchCommand implements Callable<Integer> {

    enum Part { registry, features, ingest, inference, drift }

    @Option(names = "--quick", description = "Short runs at low rates: checks every path works; figures not quotable.")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "PART",
            description = "Run only these parts: ${COMPLETION-CANDIDATES} (default: all).")
    List<Part> only = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "target/benchmarks/report.md",
            description = "Where to write the report (default: ${DEFAULT-VALUE}, under the repository root).")
    Path out;

    /** Held so the setting sticks: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    public static void main(String[] args) {
        // Tribuo logs every SGD iteration at INFO.
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(new CommandLine(new BenchCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LocalPlatformSettings settings = LocalPlatformSettings.fromSystem();
        BenchPlan plan = quick ? BenchPlan.quick() : BenchPlan.full();
        Set<Part> parts = new LinkedHashSet<>(only.isEmpty() ? List.of(Part.values()) : only);
        log("starting the platform if it is not running");
        int up = MlopsCommand.commandLine(new MlopsCommand()).execute("up");
        if (up != 0) {
            return up;
        }
        List<Section> sections = new ArrayList<>();
        try (HelloWorldProcess hello = HelloWorldProcess.start(settings.root(), "256m")) {
            BenchTargets targets = BenchTargets.of(settings, hello.url());
            Seed seed = new Seed(targets, BenchCommand::log);
            Seed.Champion champion = seed.champion();
            BenchContext ctx = new BenchContext(targets, settings, plan, champion, cpuMeter(settings, hello),
                    BenchCommand::log);
            if (parts.contains(Part.registry)) {
                seed.searchVersions(champion, 100, 100);
                sections.add(RegistryBench.run(ctx));
            }
            if (parts.contains(Part.features)) {
                sections.add(FeatureStoreBench.run(ctx));
            }
            if (parts.contains(Part.inference)) {
                sections.add(InferenceBench.run(ctx));
            }
            if (parts.contains(Part.ingest)) {
                sections.add(IngestBench.run(ctx));
            }
            if (parts.contains(Part.drift)) {
                sections.add(DriftBench.run(ctx));
            }
        }
        write(settings.root().resolve(out), plan, sections);
        return 0;
    }

    /** The platform's processes by name (from {@code mlops up}'s pid files), the floor and this generator. */
    private static CpuMeter cpuMeter(LocalPlatformSettings settings, HelloWorldProcess hello) {
        return new CpuMeter(() -> {
            Map<String, Long> pids = new LinkedHashMap<>();
            for (String name : List.of("model-registry", "feature-store", "inference-service", "drift-monitor",
                    "kafka")) {
                new PidFile(settings.pidFile(name)).pid().ifPresent(pid -> pids.put(name, pid));
            }
            pids.put("hello-world", hello.pid());
            pids.put("load generator", ProcessHandle.current().pid());
            return pids;
        });
    }

    private void write(Path file, BenchPlan plan, List<Section> sections) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("## Run of ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(quick ? " (quick)" : "")
                .append("\n\n");
        md.append(String.format("Machine: %d cores, %s %s; load average before the run %.2f. Open-loop runs: %d s "
                        + "warm-up (alias resolution, the first OIP run and predict one more at the full rate), %d s "
                        + "measured, up to %d keep-alive connections; latency from the intended send "
                        + "time (HdrHistogram).%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), LOAD_AT_START, plan.warmup().toSeconds(),
                plan.measure().toSeconds(), plan.connections()));
        sections.forEach(s -> md.append(s.markdown()).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        log("report written to " + file);
        System.out.println();
        System.out.println(md);
    }

    private static final double LOAD_AT_START = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    static void log(String message) {
        System.err.println("[bench] " + message);
    }
}
