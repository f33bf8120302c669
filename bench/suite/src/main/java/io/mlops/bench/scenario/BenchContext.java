package io.mlops.bench.scenario;

import io.mlops.bench.floor.RawJdbcSelect;
import io.mlops.bench.load.HttpCall;
import io.mlops.bench.load.LatencyResult;
import io.mlops.bench.load.OpenLoopLoad;
import io.mlops.bench.platform.BenchTargets;
import io.mlops.bench.platform.CpuMeter;
import io.mlops.bench.platform.Seed;
import io.mlops.cli.platform.LocalPlatformSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** What every benchmark shares: where to send load, the seeded champion, and floors measured once per rate. */
public final class BenchContext {

    private final BenchTargets targets;
    private final LocalPlatformSettings settings;
    private final BenchPlan plan;
    private final Seed.Champion champion;
    private final Consumer<String> log;
    private final CpuMeter cpu;
    private final Map<Double, LatencyResult> helloWorld = new HashMap<>();
    private LatencyResult jdbc;

    public BenchContext(BenchTargets targets, LocalPlatformSettings settings, BenchPlan plan, Seed.Champion champion,
                        CpuMeter cpu, Consumer<String> log) {
        this.cpu = cpu;
        this.targets = targets;
        this.settings = settings;
        this.plan = plan;
        this.champion = champion;
        this.log = log;
    }

    public BenchTargets targets() {
        return targets;
    }

    public LocalPlatformSettings settings() {
        return settings;
    }

    public BenchPlan plan() {
        return plan;
    }

    public Seed.Champion champion() {
        return champion;
    }

    public void log(String message) {
        log.accept(message);
    }

    /** An open-loop run against one of the platform's base URLs. */
    public LatencyResult openLoop(String baseUrl, HttpCall call, double rate) throws InterruptedException {
        return openLoop(baseUrl, call, rate, plan.measure());
    }

    /** An open-loop run of {@code measure} after the plan's warm-up, with the CPU it cost the machine. */
    public LatencyResult openLoop(String baseUrl, HttpCall call, double rate, java.time.Duration measure)
            throws InterruptedException {
        try (OpenLoopLoad load = new OpenLoopLoad(baseUrl, plan.connections())) {
            load.warmUp(call, rate, plan.warmup());
            CpuMeter.Snapshot before = cpu.snapshot();
            LatencyResult r = load.run(call, rate, java.time.Duration.ZERO, measure);
            r = r.withCpu(CpuMeter.between(before, cpu.snapshot()).describe());
            log.accept(String.format("    %s%s at %.0f/s: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, non-2xx %d;"
                            + " generator's send lag p99 %.3f ms; %s",
                    baseUrl, call.paths().get(0), rate, r.p50Ms(), r.p99Ms(), r.p999Ms(), r.failed(), r.sendLagP99Ms(),
                    r.cpu()));
            logFailures(load, "");
            return r;
        }
    }

    /**
     * Drives {@code call} at {@code rate} for the plan's warm-up and forgets the latencies, so a
     * service started just before the run has compiled its path before it is measured: a run's
     * own warm-up at a low rate is too few calls for the JIT, and what is measured then is partly
     * interpreted code and the compiler threads' work.
     */
    public void warmUp(String baseUrl, HttpCall call, double rate) throws InterruptedException {
        try (OpenLoopLoad load = new OpenLoopLoad(baseUrl, plan.connections())) {
            load.warmUp(call, rate, plan.warmup());
            logFailures(load, " while warming up " + baseUrl + call.paths().get(0));
        }
    }

    private void logFailures(OpenLoopLoad load, String during) {
        if (!load.failures().isEmpty()) {
            log.accept("      failures" + during + ": " + load.failures());
        }
    }

    public CpuMeter.Snapshot cpuNow() {
        return cpu.snapshot();
    }

    /**
     * Waits until the platform's processes use less than {@code maxCores} over a second (say,
     * PostgreSQL's autovacuum after a bulk load), so one measurement does not pay for the last.
     *
     * @return how long it waited
     */
    public java.time.Duration awaitQuiet(double maxCores, java.time.Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            CpuMeter.Snapshot before = cpu.snapshot();
            Thread.sleep(1_000);
            if (CpuMeter.between(before, cpu.snapshot()).busyCores() < maxCores) {
                break;
            }
        }
        return java.time.Duration.ofNanos(System.nanoTime() - start);
    }

    /** Where the CPU went since {@code start}, in words. */
    public String cpuSince(CpuMeter.Snapshot start) {
        return CpuMeter.between(start, cpu.snapshot()).describe();
    }

    /** The hello-world endpoint at {@code rate}, measured once per rate in this run. */
    public LatencyResult helloWorld(double rate) throws InterruptedException {
        LatencyResult r = helloWorld.get(rate);
        if (r == null) {
            r = openLoop(targets.helloWorld(), HttpCall.get("/hello"), rate);
            helloWorld.put(rate, r);
        }
        return r;
    }

    /** A raw JDBC primary-key select, back to back, measured once in this run. */
    public LatencyResult jdbc() throws Exception {
        if (jdbc == null) {
            jdbc = RawJdbcSelect.run(targets.dbUrl(), targets.dbUser(), targets.dbPassword(), 50_000);
            log.accept(String.format("    raw JDBC PK select: p50 %.3f ms, p99 %.3f ms", jdbc.p50Ms(), jdbc.p99Ms()));
        }
        return jdbc;
    }
}
