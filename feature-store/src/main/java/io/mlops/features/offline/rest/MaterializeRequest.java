package io.mlops.features.offline.rest;

import java.time.Instant;

/**
 * Body of {@code POST /feature-views/{name}/materialize}; both bounds are inclusive and optional:
 * no start continues from the previous end, no end means now.
 */
public record MaterializeRequest(Instant start, Instant end) {
}
