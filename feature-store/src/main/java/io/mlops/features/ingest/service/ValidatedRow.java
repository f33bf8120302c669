package io.mlops.features.ingest.service;

import java.time.Instant;

/**
 * A row that passed validation, ready for SQL.
 *
 * @param entityKey the stored entity key (see {@code EntityKeys})
 * @param eventTs the event time, truncated to PostgreSQL's microseconds so replays compare equal
 * @param valuesJson a JSON object of every feature of the schema, values normalized to their type
 */
public record ValidatedRow(String entityKey, Instant eventTs, String valuesJson) {
}
