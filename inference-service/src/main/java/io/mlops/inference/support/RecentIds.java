package io.mlops.inference.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last ids seen, bounded: the oldest is forgotten first. Used to apply a redelivered event
 * once, and to tell feedback on this replica's recent predictions from feedback on unknown ids.
 */
public final class RecentIds {

    private final String[] ring;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private int next;

    public RecentIds(int capacity) {
        this.ring = new String[Math.max(1, capacity)];
    }

    /** Remembers an id; true the first time, false for a repeat. */
    public synchronized boolean add(String id) {
        if (id == null || !ids.add(id)) {
            return false;
        }
        String evicted = ring[next];
        if (evicted != null) {
            ids.remove(evicted);
        }
        ring[next] = id;
        next = (next + 1) % ring.length;
        return true;
    }

    public boolean contains(String id) {
        return id != null && ids.contains(id);
    }
}
