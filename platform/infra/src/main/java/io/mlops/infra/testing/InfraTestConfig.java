package io.mlops.infra.testing;

import java.util.Map;

/** The configuration a Quarkus service under test gets from the test resources. */
final class InfraTestConfig {

    /** Bootstrap servers under the platform's own key, for code that is not a Kafka connector. */
    static final String MLOPS_KAFKA_BOOTSTRAP = "mlops.kafka.bootstrap";

    private InfraTestConfig() {
    }

    static Map<String, String> of(String kafkaBootstrap, DbEndpoint db) {
        return Map.of(
                "kafka.bootstrap.servers", kafkaBootstrap,
                MLOPS_KAFKA_BOOTSTRAP, kafkaBootstrap,
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", db.user(),
                "quarkus.datasource.password", db.password());
    }
}
