package io.mlops.bench.scenario;

import io.mlops.bench.floor.RawJdbcSelect;
import io.mlops.bench.load.HttpCall;
import io.mlops.bench.load.LatencyResult;
import io.mlops.bench.load.OpenLoopLoad;
import io.mlops.bench.platform.BenchTargets;
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
    private final Map<Double, LatencyResult> helloWorld = new HashMap<>();
    private LatencyResult jdbc;

    public BenchContext(BenchTargets targets, LocalPlatformSettings settings, BenchPlan plan, Seed.Champion champion,
                        Consumer<String> log) {
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
        try (OpenLoopLoad load = new OpenLoopLoad(baseUrl, plan.connections())) {
            LatencyResult r = load.run(call, rate, plan.warmup(), plan.measure());
            log.accept(String.format("    %s%s at %.0f/s: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, non-2xx %d",
                    baseUrl, call.paths().get(0), rate, r.p50Ms(), r.p99Ms(), r.p999Ms(), r.failed()));
            if (!load.failures().isEmpty()) {
                log.accept("      failures: " + load.failures());
            }
            return r;
        }
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
