package io.mlops.bench.scenario;

import io.mlops.bench.floor.RawKafkaConsume;
import io.mlops.bench.platform.Scrape;
import io.mlops.bench.platform.Seed;
import io.mlops.bench.platform.TopicWriter;
import io.mlops.bench.report.Section;
import io.mlops.cli.client.FeatureStoreClient;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.Sources;
import io.mlops.events.Topics;
import io.mlops.events.features.FeatureRows;
import io.mlops.events.features.PushTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Rows/s the feature store ingests from Kafka into both stores, beside a raw consume of the same records. */
public final class IngestBench {

    static final String VIEW = "bench-ingest";
    static final int ROWS_PER_RECORD = 100;
    static final int FEATURES = 10;
    private static final String METRIC = "mlops_features_rows_ingested_total";

    private IngestBench() {
    }

    public static Section run(BenchContext ctx) throws Exception {
        int rows = ctx.plan().ingestRows();
        ctx.log("feature-store: " + rows + " rows through " + Topics.FEATURES_INGEST);
        FeatureStoreClient store = new FeatureStoreClient(ctx.targets().featureStore(), "bench");
        List<Map<String, String>> specs = new ArrayList<>();
        for (int f = 0; f < FEATURES; f++) {
            specs.add(Map.of("name", "f" + f, "type", "DOUBLE"));
        }
        store.applyFeatureView(VIEW, List.of("applicant"), specs, 86_400, "Benchmark data: streamed rows");

        String[] labels = {"view=\"" + VIEW + "\"", "path=\"stream\""};
        double before = Drain.zeroIfNaN(Scrape.sum(ctx.targets().featureStore(), METRIC, labels));
        SplittableRandom random = new SplittableRandom(11);
        Instant base = Instant.now().minusSeconds(rows);
        Map<Integer, long[]> ranges;
        long sentAt;
        try (TopicWriter writer = new TopicWriter(ctx.targets().kafkaBootstrap(), Topics.FEATURES_INGEST)) {
            Map<Integer, Long> start = writer.endOffsets();
            sentAt = System.nanoTime();
            for (int r = 0; r < rows; r += ROWS_PER_RECORD) {
                List<Map<String, Object>> batch = new ArrayList<>(ROWS_PER_RECORD);
                for (int i = r; i < Math.min(rows, r + ROWS_PER_RECORD); i++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put(Seed.JOIN_KEY, 1 + i % 50_000);
                    row.put("event_timestamp", base.plusMillis(i).toString());
                    for (int f = 0; f < FEATURES; f++) {
                        row.put("f" + f, random.nextGaussian());
                    }
                    batch.add(row);
                }
                writer.send(VIEW, EventJson.toBytes(CloudEvent.of(Sources.FEATURE_STORE, EventType.FEATURE_ROWS, VIEW,
                        "bench", new FeatureRows(VIEW, PushTarget.ONLINE_AND_OFFLINE, batch))));
            }
            writer.flush();
            ranges = TopicWriter.ranges(start, writer.endOffsets());
        }
        var cpuStart = ctx.cpuNow();
        Drain.Result drained = Drain.await(ctx.targets().featureStore(), METRIC, before, rows, Duration.ofMinutes(10),
                labels);
        String cpu = ctx.cpuSince(cpuStart);
        double overall = rows / ((drained.doneNanos() - sentAt) / 1e9);
        double rawRecords = RawKafkaConsume.recordsPerSecond(ctx.targets().kafkaBootstrap(), Topics.FEATURES_INGEST,
                ranges);
        double rawRows = rawRecords * ROWS_PER_RECORD;
        ctx.log(String.format("    ingest %.0f rows/s (from first send %.0f), raw consume %.0f rows/s", drained.unitsPerSecond(),
                overall, rawRows));

        Section s = new Section("feature-store: streaming ingestion");
        s.text(rows + " rows of " + FEATURES + " DOUBLE features, " + ROWS_PER_RECORD + " rows per `"
                + EventType.FEATURE_ROWS.type() + "` record, `to` = `online_and_offline` (appended to the offline "
                + "table, upserted into the online table if newer, `online-updated` published after each commit), "
                + "counted by `" + METRIC + "{path=\"stream\"}`. The floor is kafka-clients reading the same records "
                + "and doing nothing with them. CPU while the feature store drained the topic: " + cpu + ".");
        s.table(List.of("path", "rows/s", "× raw consume"), List.of(
                List.of("raw kafka-clients consume (floor)", Section.f(rawRows, 0), "1.00"),
                List.of("feature-store ingest (steady)", Section.f(drained.unitsPerSecond(), 0),
                        Section.f(drained.unitsPerSecond() / rawRows, 3)),
                List.of("feature-store ingest (from first send)", Section.f(overall, 0),
                        Section.f(overall / rawRows, 3))));
        return s.end();
    }
}
