/**
 * Launchers for the platform's real infrastructure without Docker: an Apache Kafka broker in KRaft
 * mode run as a separate JVM ({@link io.mlops.infra.kafka.KafkaBroker}) and an embedded PostgreSQL
 * server ({@link io.mlops.infra.postgres.PostgresServer}), plus Quarkus test resources built on
 * them ({@link io.mlops.infra.testing}).
 */
package io.mlops.infra;
