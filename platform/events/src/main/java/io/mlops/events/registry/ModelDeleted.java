package io.mlops.events.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A model was deleted with all its versions (it had no alias left); replicas forget it, so it is
 * unknown (404) at once rather than after their next full read of the registry.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelDeleted(String name) {
}
