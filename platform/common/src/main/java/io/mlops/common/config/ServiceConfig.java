package io.mlops.common.config;

import io.smallrye.config.ConfigMapping;

/** Identity of the running service, used in event sources and metric names. */
@ConfigMapping(prefix = "mlops.service")
public interface ServiceConfig {

    /** The service's name as in CloudEvents {@code source} ({@code /mlops/<name>}), e.g. {@code model-registry}. */
    String name();

    /** The short name in metric names ({@code mlops_<metricPrefix>_...}), e.g. {@code registry}. */
    String metricPrefix();
}
