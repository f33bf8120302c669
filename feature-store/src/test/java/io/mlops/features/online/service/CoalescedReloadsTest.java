package io.mlops.features.online.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.features.online.service.OnlineCache.Key;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Background refreshes gathered into batched reads: the batching logic, against a loader that records its calls. */
class CoalescedReloadsTest {

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private Map<String, OnlineRow> load(String view, Collection<String> keys) {
        batchSizes.add(keys.size());
        Map<String, OnlineRow> rows = new HashMap<>();
        for (String k : keys) {
            rows.put(k, OnlineRow.of(Instant.ofEpochSecond(Long.parseLong(k)), Map.of("v", k)));
        }
        return rows;
    }

    @Test
    void reloadsRequestedTogetherShareQueriesOfAtMostFiveHundredKeys() throws Exception {
        // A long gathering time, so that only the batch size can start a read before it ends.
        CoalescedReloads reloads = new CoalescedReloads(this::load, executor, 1_000);
        List<CompletableFuture<OnlineRow>> rows = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            rows.add(reloads.reload(new Key("view", Integer.toString(i))));
        }
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(Instant.ofEpochSecond(i), rows.get(i).get(5, TimeUnit.SECONDS).eventTs());
        }
        assertEquals(List.of(500, 500, 200), batchSizes.stream().sorted((a, b) -> b - a).toList());
    }

    @Test
    void theSameKeyTwiceInABatchIsReadOnce() throws Exception {
        CoalescedReloads reloads = new CoalescedReloads(this::load, executor, 50);
        CompletableFuture<OnlineRow> first = reloads.reload(new Key("view", "7"));
        CompletableFuture<OnlineRow> second = reloads.reload(new Key("view", "7"));
        assertSame(first, second);
        assertEquals(Instant.ofEpochSecond(7), first.get(5, TimeUnit.SECONDS).eventTs());
        assertEquals(List.of(1), batchSizes);
    }

    @Test
    void aBatchReadsEachViewOnceAndOneViewsFailureLeavesTheOthersRefreshed() throws Exception {
        CoalescedReloads reloads = new CoalescedReloads((view, keys) -> {
            if (view.equals("broken")) {
                throw new IllegalStateException("view broken: relation does not exist");
            }
            return load(view, keys);
        }, executor, 50);
        List<CompletableFuture<OnlineRow>> healthy = new ArrayList<>();
        List<CompletableFuture<OnlineRow>> broken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            healthy.add(reloads.reload(new Key("healthy", Integer.toString(i))));
            broken.add(reloads.reload(new Key("broken", Integer.toString(i))));
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(Instant.ofEpochSecond(i), healthy.get(i).get(5, TimeUnit.SECONDS).eventTs());
            CompletableFuture<OnlineRow> row = broken.get(i);
            org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> row.get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of(5), batchSizes, "the healthy view in one query; the broken one failed before loading");
    }

    @Test
    void reloadsStillWaitingWhenTheCacheClosesAreFailedRatherThanLeftHanging() {
        CoalescedReloads reloads = new CoalescedReloads(this::load, executor, 60_000);
        CompletableFuture<OnlineRow> row = reloads.reload(new Key("view", "1"));
        reloads.cancelPending();
        assertTrue(row.isCompletedExceptionally());
        assertTrue(reloads.reload(new Key("view", "2")).isCompletedExceptionally(), "nothing waits once closed");
        assertEquals(List.of(), batchSizes);
    }

    @Test
    void anExecutorThatRefusesWorkFailsTheReloadAtOnce() {
        CoalescedReloads reloads = new CoalescedReloads(this::load, executor, 20);
        executor.shutdownNow();
        assertTrue(reloads.reload(new Key("view", "1")).isCompletedExceptionally());
    }

    @Test
    void aFailedReadFailsEveryReloadOfItsBatchAndTheNextBatchReadsAgain() throws Exception {
        boolean[] fail = {true};
        CoalescedReloads reloads = new CoalescedReloads((view, keys) -> {
            if (fail[0]) {
                throw new IllegalStateException("database down");
            }
            return load(view, keys);
        }, executor, 20);
        CompletableFuture<OnlineRow> a = reloads.reload(new Key("view", "1"));
        CompletableFuture<OnlineRow> b = reloads.reload(new Key("view", "2"));
        for (CompletableFuture<OnlineRow> row : List.of(a, b)) {
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> row.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("database down"));
        }
        fail[0] = false;
        assertEquals(Instant.ofEpochSecond(1), reloads.reload(new Key("view", "1")).get(5, TimeUnit.SECONDS).eventTs());
    }
}
