package io.mlops.inference.traffic.service;

/**
 * Picks the arm of a request from its id alone: a hash into 100 buckets, the first
 * {@code challengerPercent} of which go to the challenger. A retry with the same id lands on the
 * same arm, and every replica decides alike without sharing state.
 */
public final class TrafficSplitter {

    public static final int BUCKETS = 100;

    private TrafficSplitter() {
    }

    /** The bucket of a request id, 0 to 99. */
    public static int bucket(String requestId) {
        // FNV-1a then a 64-bit finaliser: sequential ids ("req-1", "req-2") still spread evenly.
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < requestId.length(); i++) {
            h ^= requestId.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) Long.remainderUnsigned(h, BUCKETS);
    }

    public static boolean toChallenger(String requestId, int challengerPercent) {
        return challengerPercent > 0 && bucket(requestId) < challengerPercent;
    }
}
