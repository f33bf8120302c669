package io.mlops.inference.predictionlog.service;

import com.carrotsearch.hppc.LongIntHashMap;
import io.mlops.inference.config.FeedbackConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The prediction ids this replica issued most recently, with their model, so feedback can be
 * attributed to a model and feedback on ids never issued here can be counted. Bounded: the
 * oldest id is forgotten first.
 *
 * <p>Ids are kept as the two longs of their UUID in preallocated arrays, indexed by a primitive
 * map. Each id lives for about a minute at 2,000 predictions a second; kept as strings in a
 * concurrent map, every one of them was copied by a dozen young collections before it reached
 * the old generation, which set the length of the service's collector pauses.
 */
@ApplicationScoped
public class RecentPredictions {

    private static final int ABSENT = -1;

    private final long[] msbs;
    private final long[] lsbs;
    private final int[] models;
    /** Most significant bits → ring slot; the slot's least significant bits confirm the match. */
    private final LongIntHashMap slots;
    private final List<String> modelNames = new ArrayList<>();
    private final Map<String, Integer> modelIndex = new HashMap<>();
    private int next;
    private boolean full;

    public RecentPredictions(FeedbackConfig config) {
        int capacity = Math.max(1, config.rememberedPredictions());
        this.msbs = new long[capacity];
        this.lsbs = new long[capacity];
        this.models = new int[capacity];
        this.slots = new LongIntHashMap(capacity);
    }

    /** Ids this service did not issue (not a UUID) are not remembered. */
    public synchronized void remember(String predictionId, String model) {
        UUID id = parse(predictionId);
        if (id == null) {
            return;
        }
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        int existing = slots.getOrDefault(msb, ABSENT);
        if (existing != ABSENT && lsbs[existing] == lsb) {
            return;
        }
        if (full && slots.getOrDefault(msbs[next], ABSENT) == next) {
            slots.remove(msbs[next]);
        }
        msbs[next] = msb;
        lsbs[next] = lsb;
        models[next] = indexOf(model);
        // Two ids sharing 64 random bits: the newer wins, the older is forgotten early.
        slots.put(msb, next);
        if (++next == msbs.length) {
            next = 0;
            full = true;
        }
    }

    /** The model of a prediction this replica issued recently, or null. */
    public synchronized String modelOf(String predictionId) {
        UUID id = parse(predictionId);
        if (id == null) {
            return null;
        }
        int slot = slots.getOrDefault(id.getMostSignificantBits(), ABSENT);
        return slot != ABSENT && lsbs[slot] == id.getLeastSignificantBits() ? modelNames.get(models[slot]) : null;
    }

    private int indexOf(String model) {
        Integer index = modelIndex.get(model);
        if (index == null) {
            index = modelNames.size();
            modelNames.add(model);
            modelIndex.put(model, index);
        }
        return index;
    }

    private static UUID parse(String predictionId) {
        if (predictionId == null || predictionId.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(predictionId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
