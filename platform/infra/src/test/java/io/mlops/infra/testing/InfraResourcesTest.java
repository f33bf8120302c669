package io.mlops.infra.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * The test resources outside Quarkus: what they start, what they hand out, and that a copy of the
 * class loaded by another class loader (as Quarkus does on an application restart) reuses the
 * servers instead of starting new ones.
 */
class InfraResourcesTest {

    private static final String[] KEYS = {"kafka.bootstrap.servers", "mlops.kafka.bootstrap",
        "quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password"};

    @Test
    void sharedResourceStartsOnceAndIsReusedFromAnotherClassLoader() throws Exception {
        Map<String, String> first = new SharedInfraResource().start();
        assertEquals(KEYS.length, first.size());
        for (String key : KEYS) {
            assertTrue(first.containsKey(key), key);
        }
        assertEquals(first.get("kafka.bootstrap.servers"), first.get("mlops.kafka.bootstrap"));
        assertBrokerAnswers(first.get("kafka.bootstrap.servers"));
        try (Connection c = DriverManager.getConnection(first.get("quarkus.datasource.jdbc.url"),
                first.get("quarkus.datasource.username"), first.get("quarkus.datasource.password"))) {
            assertTrue(c.isValid(2));
        }

        try (URLClassLoader reloaded = new ChildFirstLoader(getClass().getClassLoader())) {
            Class<?> copy = reloaded.loadClass(SharedInfraResource.class.getName());
            assertNotEquals(SharedInfraResource.class, copy, "a genuinely separate copy of the class");
            QuarkusTestResourceLifecycleManager resource = (QuarkusTestResourceLifecycleManager) copy.getConstructor().newInstance();
            long started = System.nanoTime();
            assertEquals(first, resource.start());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 2_000, "nothing was started");
            resource.stop();
        }
        assertEquals(first, new SharedInfraResource().start());
    }

    @Test
    void ownBrokerResourceInjectsADedicatedBrokerAndStopsIt() throws Exception {
        Map<String, String> shared = new SharedInfraResource().start();
        OwnBrokerResource resource = new OwnBrokerResource();
        Map<String, String> own = resource.start();
        try {
            assertNotEquals(shared.get("kafka.bootstrap.servers"), own.get("kafka.bootstrap.servers"));
            assertEquals(own.get("kafka.bootstrap.servers"), own.get("mlops.kafka.bootstrap"));
            assertEquals(shared.get("quarkus.datasource.jdbc.url"), own.get("quarkus.datasource.jdbc.url"));

            BrokerDownTest test = new BrokerDownTest();
            resource.inject(injectorFor(test));
            KafkaBroker broker = test.broker;
            assertEquals(own.get("kafka.bootstrap.servers"), broker.bootstrapServers());
            assertEquals(null, test.notABroker, "only the annotated broker field is injected");

            broker.stop();
            assertFalse(broker.isRunning());
            long started = System.nanoTime();
            broker.restart();
            System.out.printf("own broker restart: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            assertEquals(own.get("kafka.bootstrap.servers"), broker.bootstrapServers(), "same port after a restart");
            assertBrokerAnswers(broker.bootstrapServers());
        } finally {
            resource.stop();
        }
        assertBrokerAnswers(shared.get("kafka.bootstrap.servers"));
    }

    /** Stands for a Quarkus test class. */
    static class BrokerDownTest {
        @InjectKafkaBroker
        KafkaBroker broker;

        Object notABroker;
    }

    /** Does what Quarkus' injector does: sets every field of the test instance the predicate accepts. */
    private static TestInjector injectorFor(Object testInstance) {
        return (value, predicate) -> {
            for (Field field : testInstance.getClass().getDeclaredFields()) {
                if (predicate.test(field)) {
                    try {
                        field.setAccessible(true);
                        field.set(testInstance, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }

    private static void assertBrokerAnswers(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertFalse(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty());
        }
    }

    /** Loads this module's classes again, everything else from the parent: a stand-in for a Quarkus restart. */
    private static final class ChildFirstLoader extends URLClassLoader {

        ChildFirstLoader(ClassLoader parent) throws Exception {
            super(new URL[] {Path.of(SharedInfraResource.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL()}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("io.mlops.infra.")) {
                    Class<?> loaded = findLoadedClass(name);
                    if (loaded == null) {
                        loaded = findClass(name);
                    }
                    assertSame(this, loaded.getClassLoader());
                    return loaded;
                }
                return super.loadClass(name, resolve);
            }
        }
    }
}
