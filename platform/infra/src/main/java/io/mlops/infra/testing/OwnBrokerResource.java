package io.mlops.infra.testing;

import io.mlops.infra.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives one Quarkus test class a Kafka broker of its own (plus the shared PostgreSQL server of
 * {@link SharedInfraResource}), for tests that stop or restart the broker, for instance to see
 * readiness go DOWN and come back UP. The broker starts with the application and is stopped with
 * it; the test reaches it through a field annotated with {@link InjectKafkaBroker}:
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = OwnBrokerResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
 * class KafkaReadinessTest {
 *     @InjectKafkaBroker
 *     KafkaBroker broker;
 *
 *     @Test
 *     void readinessFollowsTheBroker() {
 *         broker.stop();     // ... expect DOWN
 *         broker.restart();  // same port: ... expect UP again
 *     }
 * }
 * }</pre>
 *
 * <p>{@code RESTRICTED_TO_CLASS} gives the class its own application, so no other test sees the
 * broker go away. Provides the same configuration keys as {@link SharedInfraResource}.
 */
public class OwnBrokerResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        DbEndpoint db = SharedInfra.postgres();
        broker = SharedInfra.startBroker("kafka-own");
        return InfraTestConfig.of(broker.bootstrapServers(), db);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker, new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            SharedInfra.stopBroker(broker);
            broker = null;
        }
    }
}
