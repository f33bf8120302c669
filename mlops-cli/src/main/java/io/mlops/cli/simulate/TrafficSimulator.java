package io.mlops.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.train.EntityKeys;
import io.mlops.events.EventJson;
import io.mlops.ml.data.Table;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends predict requests for real entity keys at a fixed arrival rate (open loop: a slow answer
 * never delays the next request), sends each answered prediction's ground-truth label as feedback
 * after a delay, and runs the drift injection when its time comes.
 */
public final class TrafficSimulator {

    /** One second of progress: totals so far and the latency percentiles of that second. */
    public record Progress(long elapsedSeconds, long sent, long ok, long failed, double p50Millis, double p99Millis,
                           boolean drifted) {
    }

    /** Which label a prediction's feedback carries, given the true one and the service's answer. */
    @FunctionalInterface
    public interface Labeller {
        String label(String truth, JsonNode answer);
    }

    /** The ground truth from the data set. */
    public static final Labeller TRUTH = (truth, answer) -> truth;

    /**
     * Concept drift at its starkest: the world now disagrees with whatever the model answers (the
     * other label of a binary model). Drives live performance down on purpose, e.g. to exercise
     * {@code mlops autopilot}.
     */
    public static final Labeller CONTRADICT = (truth, answer) -> {
        String predicted = answer.path("predictedLabel").asText();
        var labels = answer.path("probabilities").fieldNames();
        while (labels.hasNext()) {
            String other = labels.next();
            if (!other.equals(predicted)) {
                return other;
            }
        }
        return truth;
    };

    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Labeller labeller = TRUTH;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI predictUri;
    private final URI feedbackUri;
    private final String actor;
    private final String joinKey;
    private final Table table;
    private final int labelColumn;

    public TrafficSimulator(String inferenceUrl, String actor, String model, String joinKey, Table table,
                            String labelColumn) {
        String base = inferenceUrl.endsWith("/") ? inferenceUrl : inferenceUrl + "/";
        this.predictUri = URI.create(base + "api/v1/predict/" + model);
        this.feedbackUri = URI.create(base + "api/v1/feedback");
        this.actor = actor;
        this.joinKey = joinKey;
        this.table = table;
        this.labelColumn = table.indexOf(labelColumn);
    }

    /** Sets how feedback labels are chosen (default {@link #TRUTH}). */
    public TrafficSimulator labelledBy(Labeller labeller) {
        this.labeller = labeller;
        return this;
    }

    /** Ends a running {@link #run} early: no further requests are sent; answers and feedback in flight complete. */
    public void stop() {
        stopped.set(true);
    }

    /** How long the drift's push may still take once the traffic has been sent. */
    private static final Duration DRIFT_DEADLINE = Duration.ofSeconds(60);

    public SimulationReport run(TrafficPlan plan, Runnable injectDrift, Consumer<Progress> progress)
            throws InterruptedException {
        long total = plan.requests();
        long intervalNanos = plan.intervalNanos();
        Recorder recorder = new Recorder(3);
        Histogram overall = new Histogram(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong feedbackSent = new AtomicLong();
        AtomicLong feedbackFailed = new AtomicLong();
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        Map<String, String> firstDetails = new ConcurrentHashMap<>();
        Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
        AtomicLong answered = new AtomicLong();
        long sent = 0;
        ScheduledExecutorService later = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "simulate-feedback");
            t.setDaemon(true);
            return t;
        });
        SplittableRandom random = new SplittableRandom(plan.seed());
        long start = System.nanoTime();
        long nextReport = start + 1_000_000_000L;
        double driftAt = -1;
        boolean drifted = plan.drifts().isEmpty() || plan.driftAt() == null;
        Thread drift = null;
        AtomicReference<Throwable> driftFailure = new AtomicReference<>();
        for (long i = 0; i < total && !stopped.get(); i++) {
            sent = i + 1;
            long intended = start + i * intervalNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!drifted && System.nanoTime() - start >= plan.driftAt().toNanos()) {
                drifted = true;
                driftAt = (System.nanoTime() - start) / 1e9;
                drift = new Thread(() -> {
                    try {
                        injectDrift.run();
                    } catch (Throwable e) { // whatever stops the push, the report must say the drift failed
                        driftFailure.set(e);
                    }
                }, "simulate-drift");
                drift.setDaemon(true);
                drift.start();
            }
            int row = random.nextInt(table.size());
            boolean withFeedback = random.nextDouble() < plan.feedbackShare();
            String body = "{\"entities\":{\"" + joinKey + "\":" + EntityKeys.of(row) + "},\"requestId\":\"sim-"
                    + plan.seed() + "-" + i + "\"}";
            HttpRequest request = HttpRequest.newBuilder(predictUri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("X-Actor", actor)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
                recorder.recordValue(Math.max(1, (System.nanoTime() - intended) / 1_000));
                if (error != null || response.statusCode() != 200) {
                    JsonNode problem = error == null ? parse(response.body()) : null;
                    String kind = failureKey(response, error, problem);
                    failures.computeIfAbsent(kind, s -> new AtomicLong()).incrementAndGet();
                    firstDetails.computeIfAbsent(kind, k -> failureDetail(response, error, problem));
                } else {
                    ok.incrementAndGet();
                    JsonNode answer = parse(response.body());
                    versions.computeIfAbsent(answer.path("version").asText("?"), v -> new AtomicLong()).incrementAndGet();
                    if (withFeedback) {
                        String label = labeller.label(String.valueOf(table.rows().get(row)[labelColumn]), answer);
                        later.schedule(() -> sendFeedback(answer.path("predictionId").asText(), label,
                                feedbackSent, feedbackFailed), plan.feedbackDelay().toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
                answered.incrementAndGet();
            });
            if (System.nanoTime() >= nextReport) {
                nextReport += 1_000_000_000L;
                Histogram second = recorder.getIntervalHistogram();
                overall.add(second);
                progress.accept(new Progress((System.nanoTime() - start) / 1_000_000_000L, i + 1, ok.get(),
                        failures.values().stream().mapToLong(AtomicLong::get).sum(),
                        second.getValueAtPercentile(50) / 1000.0, second.getValueAtPercentile(99) / 1000.0, drifted));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long answerDeadline = System.nanoTime() + 15_000_000_000L;
        while (answered.get() < sent && System.nanoTime() < answerDeadline) {
            Thread.sleep(10);
        }
        overall.add(recorder.getIntervalHistogram());
        if (drift != null) {
            drift.join(DRIFT_DEADLINE.toMillis());
        }
        String driftProblem = plan.drifts().isEmpty() || plan.driftAt() == null ? null
                : drift == null ? "the run ended before the drift time"
                : drift.isAlive() ? "the drift was still being pushed after " + DRIFT_DEADLINE.toSeconds() + " s"
                : driftFailure.get() == null ? null
                : driftFailure.get().getMessage() != null ? driftFailure.get().getMessage()
                : driftFailure.get().toString();
        later.shutdown();
        later.awaitTermination(plan.feedbackDelay().toMillis() + 15_000, TimeUnit.MILLISECONDS);
        Map<String, Long> failed = new TreeMap<>();
        failures.forEach((status, count) -> failed.put(status, count.get()));
        Map<String, Long> byVersion = new TreeMap<>();
        versions.forEach((v, count) -> byVersion.put(v, count.get()));
        return new SimulationReport(sent, ok.get(), failed, new TreeMap<>(firstDetails), byVersion, feedbackSent.get(), feedbackFailed.get(),
                overall.getValueAtPercentile(50) / 1000.0, overall.getValueAtPercentile(99) / 1000.0,
                overall.getValueAtPercentile(99.9) / 1000.0, overall.getMaxValue() / 1000.0, sent / seconds, driftAt,
                driftProblem);
    }

    /** {@code "503 UPSTREAM_UNAVAILABLE"}: the status and the problem's stable code, or the transport error. */
    private static String failureKey(HttpResponse<byte[]> response, Throwable error, JsonNode problem) {
        if (error != null) {
            return error.getClass().getSimpleName();
        }
        return response.statusCode() + " " + problem.path("code").asText("?");
    }

    /** The problem's detail, or the transport error's message: what says why the request failed. */
    private static String failureDetail(HttpResponse<byte[]> response, Throwable error, JsonNode problem) {
        if (error != null) {
            return String.valueOf(error.getMessage());
        }
        return problem.path("detail").asText("HTTP " + response.statusCode());
    }

    private void sendFeedback(String predictionId, String label, AtomicLong sent, AtomicLong failed) {
        String body = "{\"predictionId\":\"" + predictionId + "\",\"label\":\"" + label + "\"}";
        HttpRequest request = HttpRequest.newBuilder(feedbackUri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Actor", actor)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            (status < 300 ? sent : failed).incrementAndGet();
        } catch (Exception e) {
            failed.incrementAndGet();
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return EventJson.mapper().readTree(new String(body, StandardCharsets.UTF_8));
        } catch (Exception e) {
            return EventJson.mapper().missingNode();
        }
    }
}
