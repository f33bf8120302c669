package io.mlops.cli.train;

/** A data set row's entity key: its 1-based position, stable because the data set is versioned by digest. */
public final class EntityKeys {

    private EntityKeys() {
    }

    public static long of(int rowIndex) {
        return rowIndex + 1L;
    }
}
