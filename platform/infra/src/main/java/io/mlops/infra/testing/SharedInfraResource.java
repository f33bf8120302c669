package io.mlops.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a Quarkus test a real PostgreSQL server and a real Kafka broker, both shared by every test
 * of the JVM: started on the first {@link #start()}, reused afterwards (also across application
 * restarts), stopped when the JVM exits. The broker is started with the parent watch, so it exits
 * even if the test JVM is killed. The broker's jars come from {@code -Dmlops.kafka.lib}, which the
 * parent pom passes to Surefire.
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
 * class ModelResourceTest { ... }
 * }</pre>
 *
 * <p>{@code MATCHING_RESOURCES} lets every test class with the same resources share one running
 * application. Provides {@code kafka.bootstrap.servers}, {@code mlops.kafka.bootstrap},
 * {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username} and
 * {@code quarkus.datasource.password}. A test that stops the broker must use
 * {@link OwnBrokerResource} instead, never this shared one.
 */
public class SharedInfraResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        DbEndpoint db = SharedInfra.postgres();
        return InfraTestConfig.of(SharedInfra.kafkaBootstrap(), db);
    }

    /** Does nothing: the servers outlive every application and stop with the JVM. */
    @Override
    public void stop() {
    }
}
