package io.mlops.bench.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.bench.floor.RawOrtRun;
import io.mlops.bench.load.HttpCall;
import io.mlops.bench.load.LatencyResult;
import io.mlops.bench.load.OpenLoopLoad;
import io.mlops.bench.platform.Scrape;
import io.mlops.bench.platform.Seed;
import io.mlops.bench.report.Section;
import io.mlops.bench.report.Section.Named;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OIP infer and feature-joined predict at a fixed arrival rate, their maximum throughput beside
 * hello-world's, and the in-service model time beside a raw {@code OrtSession.run}.
 */
public final class InferenceBench {

    static final double P50_GOAL_MS = 1;
    static final double P99_GOAL_MS = 3;
    static final double THROUGHPUT_GOAL = 0.25;
    static final double MODEL_TIME_GOAL = 1.3;
    /** A rate the two cores carry with room to spare, for the model time without queueing for a core. */
    static final double QUIET_RATE = 200;
    private static final String RUN_METRIC = "mlops_inference_model_run_seconds";
    private static final ObjectMapper JSON = new ObjectMapper();

    private InferenceBench() {
    }

    public static Section run(BenchContext ctx) throws Exception {
        ctx.log("inference-service: OIP infer, predict, model time, maximum throughput");
        Seed.Champion champion = ctx.champion();
        String model = "model=\"" + Seed.MODEL + "\"";
        String version = "version=\"" + champion.number() + "\"";
        double rate = ctx.plan().httpRate();

        LatencyResult ort = RawOrtRun.run(champion.onnx(), champion.inputName(), champion.columns(), 200_000, 0);
        LatencyResult ortQuiet = RawOrtRun.run(champion.onnx(), champion.inputName(), champion.columns(),
                (int) (QUIET_RATE * 10), QUIET_RATE);
        LatencyResult ortLoaded = RawOrtRun.run(champion.onnx(), champion.inputName(), champion.columns(),
                (int) (rate * 10), rate);
        ctx.log(String.format("    raw OrtSession.run: p50 %.4f ms, p99 %.4f ms, mean %.4f ms", ort.p50Ms(), ort.p99Ms(),
                ort.meanMs()));
        LatencyResult hello = ctx.helloWorld(rate);

        HttpCall infer = HttpCall.postJson("/v2/models/" + Seed.MODEL + "/infer", inferBodies(champion));
        ctx.warmUp(ctx.targets().inference(), infer, rate);
        ModelTime quiet = modelTime(ctx, infer, QUIET_RATE, model, version);
        ModelTime loaded = modelTime(ctx, infer, rate, model, version);
        LatencyResult oip = loaded.run();

        List<String> predictBodies = new ArrayList<>();
        for (int entity = 1; entity <= 1000; entity++) {
            predictBodies.add(JSON.writeValueAsString(Map.of("entities", Map.of(Seed.JOIN_KEY, entity))));
        }
        HttpCall predict = HttpCall.postJson("/api/v1/predict/" + Seed.MODEL, predictBodies);
        // The feature join (and, when this part runs alone, the store's lookup) is compiled for
        // about 18 s at this rate with both cores busy, longer than a run's own warm-up: without
        // this, the first seconds measured are that saturation rather than the steady state.
        ctx.warmUp(ctx.targets().inference(), predict, rate);
        LatencyResult predicted = ctx.openLoop(ctx.targets().inference(), predict, rate);

        Duration warm = Duration.ofSeconds(3);
        Duration measure = ctx.plan().measure().compareTo(Duration.ofSeconds(10)) > 0
                ? Duration.ofSeconds(10) : ctx.plan().measure();
        double helloMax;
        double inferMax;
        double predictMax;
        try (OpenLoopLoad load = new OpenLoopLoad(ctx.targets().helloWorld(), ctx.plan().connections())) {
            helloMax = load.maxThroughput(HttpCall.get("/hello"), ctx.plan().inFlight(), warm, measure);
        }
        try (OpenLoopLoad load = new OpenLoopLoad(ctx.targets().inference(), ctx.plan().connections())) {
            inferMax = load.maxThroughput(infer, ctx.plan().inFlight(), warm, measure);
            predictMax = load.maxThroughput(predict, ctx.plan().inFlight(), warm, measure);
        }
        ctx.log(String.format("    max throughput: hello-world %.0f/s, infer %.0f/s, predict %.0f/s", helloMax,
                inferMax, predictMax));

        Section s = new Section("inference-service: OIP infer and predict");
        s.text("`POST /v2/models/credit-risk/infer` with one FP32 row of " + champion.columns() + " columns, and "
                + "`POST /api/v1/predict/credit-risk` for entities 1–1,000 in turn (one keep-alive call to the "
                + "feature store for 20 features, one-hot expansion, the model, the prediction event queued for "
                + "Kafka), open loop at the same rate as hello-world. Ratios are to hello-world.");
        s.latencyTable(List.of(
                new Named<>("hello-world `GET /hello` (floor)", hello),
                new Named<>("OIP infer", oip),
                new Named<>("predict (features joined)", predicted)), hello, "hello-world");
        s.text("Model time: the service's `" + RUN_METRIC + "` (around `session.run` alone) during an infer run at "
                + Section.f(QUIET_RATE, 0) + " req/s, where the machine has cores to spare (after a warm-up at "
                + Section.f(rate, 0) + " req/s, so the service's path is compiled as the raw loop's is), and during the run at "
                + Section.f(rate, 0) + " req/s above, beside a raw `OrtSession.run` of the same artifact in the "
                + "benchmark's JVM with the service's session options, back to back and paced at each rate (on "
                + "this virtual machine a run after an idle pause costs several times one in a tight loop). Under "
                + "saturation the in-service figure also includes time the thread waits for a core.");
        s.table(List.of("model run", "mean (µs)", "p50 (µs)", "p99 (µs)", "× raw at the same pace (mean)"), List.of(
                List.of("raw `OrtSession.run`, back to back (floor)", us(ort.meanMs()), us(ort.p50Ms()), us(ort.p99Ms()),
                        "–"),
                List.of("raw `OrtSession.run`, one every " + Section.f(1000 / QUIET_RATE, 1) + " ms (floor)",
                        us(ortQuiet.meanMs()), us(ortQuiet.p50Ms()), us(ortQuiet.p99Ms()), "1.00"),
                quiet.row("in the service at " + Section.f(QUIET_RATE, 0) + " req/s", ortQuiet),
                List.of("raw `OrtSession.run`, one every " + Section.f(1000 / rate, 1) + " ms (floor)",
                        us(ortLoaded.meanMs()), us(ortLoaded.p50Ms()), us(ortLoaded.p99Ms()), "1.00"),
                loaded.row("in the service at " + Section.f(rate, 0) + " req/s", ortLoaded)));
        s.text("Maximum throughput: " + ctx.plan().inFlight() + " requests always in flight for "
                + measure.toSeconds() + " s (closed loop), after " + warm.toSeconds() + " s of warm-up.");
        s.table(List.of("endpoint", "answers/s", "× hello-world"), List.of(
                List.of("hello-world (floor)", Section.f(helloMax, 0), "1.00"),
                List.of("OIP infer", Section.f(inferMax, 0), Section.f(inferMax / helloMax, 2)),
                List.of("predict", Section.f(predictMax, 0), Section.f(predictMax / helloMax, 2))));
        for (Named<LatencyResult> r : List.of(new Named<>("OIP infer", oip), new Named<>("predict", predicted))) {
            s.goal(r.name() + " p50 ≤ " + Section.f(P50_GOAL_MS, 0) + " ms and p99 ≤ " + Section.f(P99_GOAL_MS, 0)
                            + " ms at " + Section.f(rate, 0) + " req/s",
                    "p50 " + Section.f(r.value().p50Ms(), 3) + " ms, p99 " + Section.f(r.value().p99Ms(), 3) + " ms, "
                            + r.value().failed() + " non-2xx",
                    r.value().p50Ms() <= P50_GOAL_MS && r.value().p99Ms() <= P99_GOAL_MS && r.value().failed() == 0);
        }
        s.goal("maximum throughput ≥ 25 % of hello-world", "infer " + pct(inferMax / helloMax) + ", predict "
                + pct(predictMax / helloMax), inferMax / helloMax >= THROUGHPUT_GOAL && predictMax / helloMax >= THROUGHPUT_GOAL);
        double quietRatio = quiet.meanMs() / ortQuiet.meanMs();
        double loadedRatio = loaded.meanMs() / ortLoaded.meanMs();
        s.goal("in-service model time ≤ 1.3 × raw `OrtSession.run` at the same pace", Section.f(quietRatio, 2)
                + " × (mean) at " + Section.f(QUIET_RATE, 0) + " req/s, " + Section.f(loadedRatio, 2) + " × at "
                + Section.f(rate, 0) + " req/s; " + Section.f(loaded.meanMs() / ort.meanMs(), 2)
                + " × a back-to-back loop", quietRatio <= MODEL_TIME_GOAL && loadedRatio <= MODEL_TIME_GOAL);
        return s.end();
    }

    /** An infer run and the service's own model-run timer read around it. */
    private static ModelTime modelTime(BenchContext ctx, HttpCall infer, double rate, String model, String version)
            throws InterruptedException {
        String url = ctx.targets().inference();
        double sumBefore = nanToZero(Scrape.sum(url, RUN_METRIC + "_sum", model, version));
        double countBefore = nanToZero(Scrape.sum(url, RUN_METRIC + "_count", model, version));
        LatencyResult run = ctx.openLoop(url, infer, rate);
        double sum = Scrape.sum(url, RUN_METRIC + "_sum", model, version) - sumBefore;
        double count = Scrape.sum(url, RUN_METRIC + "_count", model, version) - countBefore;
        return new ModelTime(run, sum / count * 1000,
                Scrape.sum(url, RUN_METRIC, model, version, "quantile=\"0.5\"") * 1000,
                Scrape.sum(url, RUN_METRIC, model, version, "quantile=\"0.99\"") * 1000);
    }

    /** Milliseconds; the mean covers exactly the run, the quantiles the service's last minute or so. */
    private record ModelTime(LatencyResult run, double meanMs, double p50Ms, double p99Ms) {
        List<String> row(String name, LatencyResult raw) {
            return List.of(name, us(meanMs), us(p50Ms), us(p99Ms), Section.f(meanMs / raw.meanMs(), 2));
        }
    }

    private static List<String> inferBodies(Seed.Champion champion) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int b = 0; b < 100; b++) {
            List<Float> row = new ArrayList<>();
            for (int i = 0; i < champion.columns(); i++) {
                row.add(((b + i) % 7) * 0.5f);
            }
            bodies.add(JSON.writeValueAsString(Map.of("inputs", List.of(Map.of("name", champion.inputName(),
                    "shape", List.of(1, champion.columns()), "datatype", "FP32", "data", row)))));
        }
        return bodies;
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    private static String us(double ms) {
        return Section.f(ms * 1000, 1);
    }

    private static String pct(double ratio) {
        return Section.f(ratio * 100, 0) + " %";
    }
}
