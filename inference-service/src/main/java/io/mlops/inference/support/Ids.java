package io.mlops.inference.support;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Prediction ids: random version-4 UUIDs without the contended SecureRandom of {@link UUID#randomUUID()}. */
public final class Ids {

    private Ids() {
    }

    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
