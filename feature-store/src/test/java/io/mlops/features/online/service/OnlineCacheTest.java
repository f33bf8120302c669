package io.mlops.features.online.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.features.config.OnlineConfig;
import io.mlops.features.online.repository.OnlineStore;
import io.mlops.features.online.service.OnlineCache.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The online cache's own logic, in front of a store that records its queries and can be held in
 * the middle of one: how many queries a lookup costs, and that a value read before an
 * invalidation is never cached after it (a load or a background refresh that races a write).
 * The store's SQL is covered against PostgreSQL by the lookup and coherence tests.
 */
class OnlineCacheTest {

    private final RecordingStore store = new RecordingStore();
    private final ExecutorService caller = Executors.newSingleThreadExecutor();
    private OnlineCache cache;

    @AfterEach
    void stop() {
        store.release();
        caller.shutdownNow();
        if (cache != null) {
            cache.close();
        }
    }

    @Test
    void aLookupReadsEachViewOnceAndThenServesEveryKeyFromMemoryUnknownKeysIncluded() {
        cache = new OnlineCache(store, config(true, Duration.ofMinutes(1)));
        store.put("applicants", "1", 1);
        store.put("applicants", "2", 2);
        store.put("accounts", "1", 3);
        List<Key> keys = List.of(new Key("applicants", "1"), new Key("applicants", "2"),
                new Key("applicants", "404"), new Key("accounts", "1"));

        Map<Key, OnlineRow> first = cache.getAll(keys);
        assertEquals(2, store.queries.size(), "one query per view: " + store.queries);
        assertEquals(Instant.ofEpochSecond(2), first.get(new Key("applicants", "2")).eventTs());
        assertTrue(first.get(new Key("applicants", "404")).absent());

        Map<Key, OnlineRow> again = cache.getAll(keys);
        assertEquals(2, store.queries.size(), "no query for cached keys: " + store.queries);
        assertEquals(first, again);
        assertSame(OnlineRow.ABSENT, cache.getIfPresent(new Key("applicants", "404")));
    }

    @Test
    void anInvalidationDuringALoadKeepsTheValueReadBeforeItOutOfTheCache() throws Exception {
        cache = new OnlineCache(store, config(true, Duration.ofMinutes(1)));
        store.put("applicants", "1", 1);
        store.put("applicants", "2", 1);
        List<Key> keys = List.of(new Key("applicants", "1"), new Key("applicants", "2"));
        store.holdNextQuery();
        Future<Map<Key, OnlineRow>> load = caller.submit(() -> cache.getAll(keys));
        assertTrue(store.held.await(5, TimeUnit.SECONDS), "the load should reach the store");

        // A write commits while the load still holds the rows it read before it.
        store.put("applicants", "1", 2);
        cache.invalidate("applicants", List.of("1"));
        store.release();

        assertEquals(Instant.ofEpochSecond(1), load.get(5, TimeUnit.SECONDS).get(keys.get(0)).eventTs());
        assertNull(cache.getIfPresent(keys.get(0)), "the value read before the write must not be cached");
        assertEquals(Instant.ofEpochSecond(2), cache.getAll(List.of(keys.get(0))).get(keys.get(0)).eventTs());
        assertEquals(Instant.ofEpochSecond(1), cache.getIfPresent(keys.get(1)).eventTs(),
                "the key nobody wrote stays cached");
    }

    @Test
    void aBackgroundRefreshThatRacesAnInvalidationIsDiscarded() throws Exception {
        cache = new OnlineCache(store, config(true, Duration.ofMillis(100)));
        Key key = new Key("applicants", "1");
        store.put("applicants", "1", 1);
        cache.getAll(List.of(key));
        Thread.sleep(150);

        store.holdNextQuery();
        cache.getIfPresent(key); // due: starts a background refresh and still answers the cached row
        assertTrue(store.held.await(5, TimeUnit.SECONDS), "the refresh should reach the store");
        store.put("applicants", "1", 2);
        cache.invalidate("applicants", List.of("1"));
        store.release();
        store.awaitIdle();

        assertNull(cache.getIfPresent(key), "the refreshed value was read before the write and must be discarded");
        assertEquals(Instant.ofEpochSecond(2), cache.getAll(List.of(key)).get(key).eventTs());
    }

    @Test
    void keysDueForRefreshTogetherAreReadWithAFewQueriesPerViewNotOneEach() throws Exception {
        cache = new OnlineCache(store, config(true, Duration.ofMillis(100)));
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String view = i % 2 == 0 ? "applicants" : "accounts";
            store.put(view, Integer.toString(i), 1);
            keys.add(new Key(view, Integer.toString(i)));
        }
        cache.getAll(keys);
        int afterLoad = store.queries.size();
        for (Key key : keys) {
            store.put(key.view(), key.entityKey(), 2);
        }
        Thread.sleep(150);

        for (Key key : keys) {
            cache.getIfPresent(key);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!keys.stream().allMatch(k -> refreshed(k, 2)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertTrue(keys.stream().allMatch(k -> refreshed(k, 2)), "every due key is refreshed in the background");
        int refreshQueries = store.queries.size() - afterLoad;
        // One query per view when all 300 fall within one gathering period; a slow machine may split them.
        assertTrue(refreshQueries >= 2 && refreshQueries <= 20, "refresh queries for 300 keys: " + refreshQueries);
    }

    @Test
    void aDisabledCacheAsksTheStoreEveryTime() {
        cache = new OnlineCache(store, config(false, Duration.ofMinutes(1)));
        store.put("applicants", "1", 1);
        Key key = new Key("applicants", "1");
        cache.getAll(List.of(key));
        store.put("applicants", "1", 2);
        assertEquals(Instant.ofEpochSecond(2), cache.getAll(List.of(key)).get(key).eventTs());
        assertEquals(2, store.queries.size());
        assertNull(cache.getIfPresent(key));
    }

    private boolean refreshed(Key key, long second) {
        OnlineRow row = cache.getIfPresent(key);
        return row != null && row.eventTs().equals(Instant.ofEpochSecond(second));
    }

    private static OnlineConfig config(boolean enabled, Duration refreshAfterWrite) {
        OnlineConfig.Cache cache = new OnlineConfig.Cache() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public long maxEntries() {
                return 10_000;
            }

            @Override
            public Duration refreshAfterWrite() {
                return refreshAfterWrite;
            }

            @Override
            public Duration expireAfterWrite() {
                return Duration.ofMinutes(10);
            }
        };
        return new OnlineConfig() {
            @Override
            public int maxEntitiesPerRequest() {
                return 1_000;
            }

            @Override
            public Cache cache() {
                return cache;
            }

            @Override
            public Updates updates() {
                throw new UnsupportedOperationException("the cache does not read the update settings");
            }
        };
    }

    /** Online rows in memory (event time in seconds), each query recorded as "view:keys". */
    private static final class RecordingStore extends OnlineStore {

        final List<String> queries = new CopyOnWriteArrayList<>();
        final Map<String, Long> rows = new ConcurrentHashMap<>();
        volatile CountDownLatch held = new CountDownLatch(1);
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private volatile boolean holdNext;
        private final AtomicInteger running = new AtomicInteger();

        RecordingStore() {
            super(null);
        }

        void put(String view, String key, long second) {
            rows.put(view + "/" + key, second);
        }

        /** The next query reads its rows, then waits for {@link #release} before answering. */
        void holdNextQuery() {
            held = new CountDownLatch(1);
            gate = new CountDownLatch(1);
            holdNext = true;
        }

        void release() {
            gate.countDown();
        }

        void awaitIdle() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (running.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(50); // let the cache apply the finished refresh
        }

        @Override
        public Map<String, OnlineRow> load(String view, Collection<String> keys) {
            running.incrementAndGet();
            try {
                queries.add(view + ":" + keys.size());
                Map<String, OnlineRow> out = new HashMap<>();
                for (String key : keys) {
                    Long second = rows.get(view + "/" + key);
                    out.put(key, second == null ? OnlineRow.ABSENT
                            : OnlineRow.of(Instant.ofEpochSecond(second), Map.of("v", second)));
                }
                if (holdNext) {
                    holdNext = false;
                    CountDownLatch wait = gate;
                    held.countDown();
                    wait.await(10, TimeUnit.SECONDS);
                }
                return out;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }
    }
}
