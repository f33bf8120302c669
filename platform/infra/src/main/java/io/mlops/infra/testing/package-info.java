/**
 * Quarkus test resources that run the platform's real infrastructure: {@link
 * io.mlops.infra.testing.SharedInfraResource} for ordinary tests, {@link
 * io.mlops.infra.testing.OwnBrokerResource} for a test that stops its broker.
 */
package io.mlops.infra.testing;
