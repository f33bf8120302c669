package io.mlops.monitor.window;

/**
 * 64-bit hashes of prediction ids. They identify an event for de-duplication and give each row a
 * pseudo-random priority for the window's sample; being a function of the id (not of a random
 * generator's state), a replay after a restart keeps exactly the same rows.
 */
public final class Hashes {

    private Hashes() {
    }

    /** Identity of one event: its prediction id and its arm. */
    public static long event(String predictionId, int arm) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < predictionId.length(); i++) {
            h ^= predictionId.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h ^ ((long) arm << 56));
    }

    /** Priority of row {@code index} of an event. */
    public static long row(long eventHash, int index) {
        return mix(eventHash + 0x9e3779b97f4a7c15L * (index + 1));
    }

    /** SplitMix64's finalizer: every input bit affects every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
