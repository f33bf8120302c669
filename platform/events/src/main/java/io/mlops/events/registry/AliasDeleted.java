package io.mlops.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An alias was removed; replicas serving it unload that version.
 *
 * @param previousVersion the version the alias pointed at
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AliasDeleted(String model, String alias, Integer previousVersion) {
}
