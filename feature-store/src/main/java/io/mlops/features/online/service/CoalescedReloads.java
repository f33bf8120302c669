package io.mlops.features.online.service;

import io.mlops.features.online.service.OnlineCache.Key;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The cache's background refreshes, gathered for a moment and read together: a hot key set
 * refreshed one key per query would cost PostgreSQL a query per cached key every refresh period
 * (200,000 entries every 30 s is 6,700 queries a second); gathered, it is one query per view for
 * up to {@link #MAX_BATCH} keys.
 */
final class CoalescedReloads {

    static final int MAX_BATCH = 500;

    private final Function<Collection<Key>, Map<Key, OnlineRow>> loader;
    private final ScheduledExecutorService executor;
    private final long gatherMillis;
    private final Object lock = new Object();
    private Map<Key, CompletableFuture<OnlineRow>> pending = new LinkedHashMap<>();
    private boolean flushScheduled;

    /**
     * @param loader reads the rows of the given keys (absent ones included), as the cache loads them
     * @param gatherMillis how long the first reload of a batch waits for others
     */
    CoalescedReloads(Function<Collection<Key>, Map<Key, OnlineRow>> loader, ScheduledExecutorService executor,
                     long gatherMillis) {
        this.loader = loader;
        this.executor = executor;
        this.gatherMillis = gatherMillis;
    }

    /** The key's row as the next batch reads it; fails as the batch's query does. */
    CompletableFuture<OnlineRow> reload(Key key) {
        Map<Key, CompletableFuture<OnlineRow>> full = null;
        CompletableFuture<OnlineRow> row;
        synchronized (lock) {
            row = pending.computeIfAbsent(key, k -> new CompletableFuture<>());
            if (pending.size() >= MAX_BATCH) {
                full = pending;
                pending = new LinkedHashMap<>();
            } else if (!flushScheduled) {
                flushScheduled = true;
                executor.schedule(this::flushPending, gatherMillis, TimeUnit.MILLISECONDS);
            }
        }
        if (full != null) {
            Map<Key, CompletableFuture<OnlineRow>> batch = full;
            executor.execute(() -> read(batch));
        }
        return row;
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

    private void read(Map<Key, CompletableFuture<OnlineRow>> batch) {
        try {
            Map<Key, OnlineRow> rows = loader.apply(batch.keySet());
            batch.forEach((key, row) -> row.complete(rows.get(key)));
        } catch (RuntimeException e) {
            // A failed refresh keeps the cached value; the next read past the period asks again.
            batch.values().forEach(row -> row.completeExceptionally(e));
        }
    }
}
