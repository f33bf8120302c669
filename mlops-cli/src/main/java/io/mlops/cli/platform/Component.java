package io.mlops.cli.platform;

import java.nio.file.Path;

/**
 * One process of the local platform.
 *
 * @param name     the name used for its log file, pid file and on the command line
 * @param kind     what it is, which decides how it is started and probed
 * @param endpoint where it listens
 * @param jar      the runnable jar of a service, {@code null} for Kafka and PostgreSQL
 */
public record Component(String name, Kind kind, Endpoint endpoint, Path jar) {

    public enum Kind { SERVICE, KAFKA, POSTGRES }

    public boolean isService() {
        return kind == Kind.SERVICE;
    }

    public int port() {
        return endpoint.port();
    }

    /** {@code http://host:port} of a service. */
    public String baseUrl() {
        return "http://" + endpoint;
    }

    /** The readiness endpoint: database, Kafka (and for inference, the registry) reachable. */
    public String healthUrl() {
        return baseUrl() + "/q/health/ready";
    }

    public String swaggerUrl() {
        return baseUrl() + "/q/swagger-ui";
    }

    public String metricsUrl() {
        return baseUrl() + "/q/metrics";
    }
}
