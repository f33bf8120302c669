package io.mlops.registry.alias.rest;

import io.mlops.registry.alias.repository.AliasRepository;
import java.util.List;

/** Every move of one alias, newest first: who moved it, when, from which version to which. */
public record AliasHistory(String model, String alias, Integer current, List<AliasRepository.Change> history) {
}
