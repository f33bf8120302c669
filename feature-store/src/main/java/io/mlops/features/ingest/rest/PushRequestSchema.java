package io.mlops.features.ingest.rest;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The push body as documented in OpenAPI. The body itself is read as a stream by {@link PushBody},
 * so this record only describes it.
 */
@Schema(name = "PushRequest", description = "Rows for one feature view; give either rows or Feast's columnar df")
public record PushRequestSchema(
        @Schema(enumeration = {"online", "offline", "online_and_offline"}, defaultValue = "online") String to,
        @Schema(description = "Each row: the join key(s), event_timestamp (RFC 3339) and every feature (null for none)",
                example = "[{\"customer_id\": 1001, \"event_timestamp\": \"2024-05-01T12:00:00Z\", \"spend_30d\": 120.5}]")
        List<Map<String, Object>> rows,
        @Schema(description = "Feast's columnar form: column name to values") Map<String, List<Object>> df) {
}
