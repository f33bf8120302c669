package io.mlops.features.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Online lookup limits and the in-process read cache in front of the online table. */
@ConfigMapping(prefix = "mlops.features.online")
public interface OnlineConfig {

    /** Most entity rows one {@code /online-features} request may ask for (413 above). */
    @WithDefault("1000")
    int maxEntitiesPerRequest();

    /** The read cache. */
    Cache cache();

    /** The read cache holds the online row of each (view, entity key), absent keys included. */
    interface Cache {

        /** Whether lookups go through the cache; without it every lookup reads PostgreSQL. */
        @WithDefault("true")
        boolean enabled();

        /** Most (view, entity key) entries kept; the least recently and frequently used go first. */
        @WithDefault("200000")
        long maxEntries();

        /**
         * A cached row read again after this long is reloaded in the background while the cached
         * one is still served. Invalidation events normally keep the cache exact; this bounds the
         * staleness of a hot key if they ever stop arriving.
         */
        @WithDefault("30s")
        Duration refreshAfterWrite();

        /** A cached row is dropped this long after it was loaded, bounding staleness of cold keys. */
        @WithDefault("2m")
        Duration expireAfterWrite();
    }

    /** The consumer of {@code mlops.features.updates.v1} that keeps every replica's cache coherent. */
    Updates updates();

    /** How this replica follows online changes made by any replica. */
    interface Updates {

        /** Whether this replica listens; turn off only with the cache disabled. */
        @WithDefault("true")
        boolean enabled();

        /** How long one poll waits for events. */
        @WithDefault("200ms")
        Duration pollTimeout();
    }
}
