package io.mlops.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A version was deleted (it had no alias, so no replica served it as one). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelVersionDeleted(String model, int version) {
}
