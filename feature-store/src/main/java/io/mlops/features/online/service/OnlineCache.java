package io.mlops.features.online.service;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mlops.features.config.OnlineConfig;
import io.mlops.features.online.repository.OnlineStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The in-process read cache of online rows, one entry per (view, entity key), absent keys included.
 *
 * <p>Coherence: an asynchronous cache keeps an in-flight load as an entry, so an invalidation that
 * arrives while a load is reading PostgreSQL removes that entry and the (possibly older) loaded
 * value is never cached. Invalidations come from this replica's writes right after commit and from
 * every replica's {@code online-updated} events. Background refresh bounds staleness if events
 * ever stop; a refresh that races an invalidation is discarded by Caffeine the same way.
 *
 * <p>Loads run on the calling thread (a worker thread, never the event loop: the event loop only
 * calls {@link #getIfPresent}); refreshes run on a small pool of their own, gathered so that keys
 * due together share a query ({@link CoalescedReloads}).
 */
@ApplicationScoped
public class OnlineCache {

    private static final Logger LOG = Logger.getLogger(OnlineCache.class);

    /** A cache key. */
    public record Key(String view, String entityKey) {
    }

    private final OnlineStore store;
    private final boolean enabled;
    /** How long a background refresh waits for others to share its query. */
    private static final long REFRESH_GATHER_MILLIS = 20;

    private final ScheduledExecutorService refresher;
    private final CoalescedReloads reloads;
    private final AsyncLoadingCache<Key, OnlineRow> cache;

    public OnlineCache(OnlineStore store, OnlineConfig config) {
        this.store = store;
        this.enabled = config.cache().enabled();
        this.refresher = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "online-cache-refresh");
            t.setDaemon(true);
            return t;
        });
        this.reloads = new CoalescedReloads(store::load, refresher, REFRESH_GATHER_MILLIS);
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.cache().maxEntries())
                .refreshAfterWrite(config.cache().refreshAfterWrite().toMillis(), TimeUnit.MILLISECONDS)
                .expireAfterWrite(config.cache().expireAfterWrite().toMillis(), TimeUnit.MILLISECONDS)
                .executor(refresher)
                .buildAsync(new Loader());
    }

    /** The cached row, or null when not cached (or still loading). Never blocks. */
    public OnlineRow getIfPresent(Key key) {
        if (!enabled) {
            return null;
        }
        CompletableFuture<OnlineRow> future = cache.getIfPresent(key);
        if (future == null || !future.isDone() || future.isCompletedExceptionally()) {
            return null;
        }
        return future.getNow(null);
    }

    /** The rows of these keys, loading the uncached ones with one query per view. Blocks. */
    public Map<Key, OnlineRow> getAll(Collection<Key> keys) {
        if (!enabled) {
            return loadAll(keys);
        }
        try {
            return cache.getAll(keys).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /** Drops every cached row: for when changes may have been missed (the update stream was repositioned). */
    public void invalidateAll() {
        if (enabled) {
            cache.synchronous().invalidateAll();
        }
    }

    /** Drops keys whose online rows changed. */
    public void invalidate(String view, Collection<String> entityKeys) {
        if (!enabled || entityKeys.isEmpty()) {
            return;
        }
        List<Key> keys = new ArrayList<>(entityKeys.size());
        for (String k : entityKeys) {
            keys.add(new Key(view, k));
        }
        cache.synchronous().invalidateAll(keys);
    }

    /**
     * Reloads the keys this replica has cached and drops the rest, so a hot key changed elsewhere
     * is fresh again without a request paying for the miss.
     */
    public void refreshIfCached(String view, Collection<String> entityKeys) {
        if (!enabled || entityKeys.isEmpty()) {
            return;
        }
        List<Key> cached = new ArrayList<>();
        for (String k : entityKeys) {
            Key key = new Key(view, k);
            if (cache.asMap().containsKey(key)) {
                cached.add(key);
            }
        }
        if (cached.isEmpty()) {
            return;
        }
        cache.synchronous().invalidateAll(cached);
        try {
            getAll(cached);
        } catch (RuntimeException e) {
            LOG.debugf("Could not reload %d changed keys of %s (next reads will): %s", cached.size(), view, e.getMessage());
        }
    }

    /** Entries currently cached, for tests and diagnostics. */
    public long size() {
        return cache.synchronous().estimatedSize();
    }

    private Map<Key, OnlineRow> loadAll(Collection<? extends Key> keys) {
        Map<String, List<String>> byView = new HashMap<>();
        for (Key key : keys) {
            byView.computeIfAbsent(key.view(), v -> new ArrayList<>()).add(key.entityKey());
        }
        Map<Key, OnlineRow> out = new HashMap<>(keys.size() * 2);
        for (Map.Entry<String, List<String>> view : byView.entrySet()) {
            for (Map.Entry<String, OnlineRow> row : store.load(view.getKey(), view.getValue()).entrySet()) {
                out.put(new Key(view.getKey(), row.getKey()), row.getValue());
            }
        }
        return out;
    }

    private final class Loader implements AsyncCacheLoader<Key, OnlineRow> {

        @Override
        public CompletableFuture<OnlineRow> asyncLoad(Key key, Executor executor) {
            try {
                return CompletableFuture.completedFuture(loadAll(List.of(key)).get(key));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public CompletableFuture<Map<Key, OnlineRow>> asyncLoadAll(Set<? extends Key> keys, Executor executor) {
            try {
                return CompletableFuture.completedFuture(loadAll(keys));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public CompletableFuture<OnlineRow> asyncReload(Key key, OnlineRow oldValue, Executor executor) {
            return reloads.reload(key);
        }
    }

    @PreDestroy
    void close() {
        refresher.shutdownNow();
        reloads.cancelPending();
    }
}
