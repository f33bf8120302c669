package io.mlops.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An alias now points at {@code version}; inference-service loads it and swaps it in.
 *
 * @param previousVersion where the alias pointed before, {@code null} when it is new; a rollback
 *     moves it back there
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AliasSet(String model, String alias, int version, Integer previousVersion) {
}
