package io.mlops.monitor.stream.service;

import io.mlops.events.InvalidEventException;
import io.mlops.events.Topics;
import io.mlops.monitor.config.StreamConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import io.mlops.monitor.labels.service.FeatureDictionary;
import io.mlops.monitor.reference.service.VersionCatalog;
import io.mlops.monitor.reference.service.VersionKey;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses a poll's prediction records on several threads before the stream thread applies them in
 * order, and prepares what the label join keeps of each (packed features, its COPY row). These are
 * the largest per-event costs and need no shared state; applying to windows stays on one thread,
 * so window state needs no locks and order per partition is kept.
 */
@ApplicationScoped
public class ParallelDecoder {

    /** Below this many records a poll is parsed on the stream thread; handing off would cost more. */
    private static final int CHUNK = 256;

    private final ExecutorService pool;
    private final int threads;
    private final VersionCatalog catalog;
    private final Map<VersionKey, FeatureDictionary> dictionaries = new ConcurrentHashMap<>();

    public ParallelDecoder(StreamConfig config, VersionCatalog catalog) {
        this.catalog = catalog;
        this.threads = config.decodeThreads() > 0 ? config.decodeThreads() : Runtime.getRuntime().availableProcessors();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "drift-decode");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Per record, in order: its {@link DecodedPrediction}, the {@link InvalidEventException} that
     * sends it to the dead-letter topic, or {@code null} for records of other topics.
     */
    public Object[] decode(List<ConsumerRecord<byte[], byte[]>> records) {
        Object[] out = new Object[records.size()];
        if (records.size() < 2 * CHUNK || threads == 1) {
            decodeRange(records, out, 0, records.size());
            return out;
        }
        List<Future<?>> parts = new ArrayList<>();
        for (int from = 0; from < records.size(); from += CHUNK) {
            int start = from;
            int end = Math.min(records.size(), from + CHUNK);
            parts.add(pool.submit((Callable<Void>) () -> {
                decodeRange(records, out, start, end);
                return null;
            }));
        }
        for (Future<?> part : parts) {
            try {
                part.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while parsing a poll", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("parsing a poll failed", e.getCause());
            }
        }
        return out;
    }

    private void decodeRange(List<ConsumerRecord<byte[], byte[]>> records, Object[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            ConsumerRecord<byte[], byte[]> r = records.get(i);
            if (!Topics.INFERENCE_PREDICTIONS.equals(r.topic())) {
                continue;
            }
            try {
                DecodedPrediction d = PredictionDecoder.decode(r.value());
                out[i] = d.withPending(PendingCapture.of(d, dictionary(d.key())));
            } catch (InvalidEventException e) {
                out[i] = e;
            }
        }
    }

    /** The version's feature dictionary if the version is in memory already; else names are packed inline. */
    private FeatureDictionary dictionary(VersionKey key) {
        FeatureDictionary known = dictionaries.get(key);
        if (known != null) {
            return known;
        }
        FeatureDictionary found = catalog.cached(key).map(FeatureDictionary::of).orElse(null);
        if (found != null) {
            dictionaries.put(key, found);
        }
        return found;
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
