package io.mlops.registry.tracking.run.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/runs}. A dataset input names a registered dataset version by
 * {@code version} or {@code digest}; {@code context} defaults to {@code training}.
 */
public record CreateRunRequest(String experimentId, String name, Map<String, String> params, Map<String, String> tags,
                               Instant startTime, List<RunJson.DatasetInput> datasets) {
}
