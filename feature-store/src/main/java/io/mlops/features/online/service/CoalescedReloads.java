package io.mlops.features.online.service;

import io.mlops.features.online.service.OnlineCache.Key;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The cache's background refreshes, gathered for a moment and read together. Refreshes fall due
 * one key at a time, as each hot key is read past its refresh period; read one per query, a hot
 * set of 200,000 entries refreshed every 30 s costs PostgreSQL 6,700 queries a second. Gathered
 * for 20 ms, the same keys come in batches of about 130: some 50 batches a second, each one query
 * per view (a batch holds at most {@link #MAX_BATCH} keys).
 *
 * <p>Every reload handed out completes: Caffeine starts no new refresh of a key while one is
 * pending, so a future left hanging would stop that key's refreshes until it expires.
 */
final class CoalescedReloads {

    static final int MAX_BATCH = 500;

    private final BiFunction<String, Collection<String>, Map<String, OnlineRow>> loader;
    private final ScheduledExecutorService executor;
    private final long gatherMillis;
    private final Object lock = new Object();
    private Map<Key, CompletableFuture<OnlineRow>> pending = new LinkedHashMap<>();
    private boolean flushScheduled;
    private boolean closed;

    /**
     * @param loader reads one view's rows of the given entity keys, absent ones included ({@link
     *     io.mlops.features.online.repository.OnlineStore#load})
     * @param gatherMillis how long the first reload of a batch waits for others
     */
    CoalescedReloads(BiFunction<String, Collection<String>, Map<String, OnlineRow>> loader, ScheduledExecutorService executor,
                     long gatherMillis) {
        this.loader = loader;
        this.executor = executor;
        this.gatherMillis = gatherMillis;
    }

    /** The key's row as the next batch reads it; fails as its view's query does. */
    CompletableFuture<OnlineRow> reload(Key key) {
        Map<Key, CompletableFuture<OnlineRow>> full = null;
        CompletableFuture<OnlineRow> row;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(closing());
            }
            row = pending.computeIfAbsent(key, k -> new CompletableFuture<>());
            if (pending.size() >= MAX_BATCH) {
                full = pending;
                pending = new LinkedHashMap<>();
            } else if (!flushScheduled) {
                try {
                    executor.schedule(this::flushPending, gatherMillis, TimeUnit.MILLISECONDS);
                    flushScheduled = true;
                } catch (RejectedExecutionException stopping) {
                    full = pending;
                    pending = new LinkedHashMap<>();
                }
            }
        }
        if (full != null) {
            Map<Key, CompletableFuture<OnlineRow>> batch = full;
            try {
                executor.execute(() -> read(batch));
            } catch (RejectedExecutionException stopping) {
                cancel(batch);
            }
        }
        return row;
    }

    /** Fails every reload still waiting, and every later one, for shutdown. */
    void cancelPending() {
        Map<Key, CompletableFuture<OnlineRow>> batch;
        synchronized (lock) {
            closed = true;
            batch = pending;
            pending = new LinkedHashMap<>();
        }
        cancel(batch);
    }

    private void flushPending() {
        Map<Key, CompletableFuture<OnlineRow>> batch;
        synchronized (lock) {
            batch = pending;
            pending = new LinkedHashMap<>();
            flushScheduled = false;
        }
        if (!batch.isEmpty()) {
            read(batch);
        }
    }

    /** One query per view, so a view whose read fails leaves the others' rows refreshed. */
    private void read(Map<Key, CompletableFuture<OnlineRow>> batch) {
        Map<String, List<Key>> byView = new LinkedHashMap<>();
        batch.keySet().forEach(key -> byView.computeIfAbsent(key.view(), v -> new ArrayList<>()).add(key));
        for (Map.Entry<String, List<Key>> view : byView.entrySet()) {
            List<Key> keys = view.getValue();
            try {
                Map<String, OnlineRow> rows = loader.apply(view.getKey(), keys.stream().map(Key::entityKey).toList());
                keys.forEach(key -> batch.get(key).complete(rows.get(key.entityKey())));
            } catch (Throwable e) {
                // A failed refresh keeps the cached value; the next read past the period asks again.
                keys.forEach(key -> batch.get(key).completeExceptionally(e));
            }
        }
    }

    private static void cancel(Map<Key, CompletableFuture<OnlineRow>> batch) {
        batch.values().forEach(row -> row.completeExceptionally(closing()));
    }

    private static CancellationException closing() {
        return new CancellationException("the cache is closing");
    }
}
