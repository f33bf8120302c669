package io.mlops.inference.model.service;

import java.util.Set;

/**
 * Which aliases of a model this replica must load: the champion always, plus whatever its
 * deployment routes traffic to. Implemented by the traffic feature, which owns deployments.
 */
public interface AliasInterest {

    Set<String> aliases(String model);
}
