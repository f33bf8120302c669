package io.mlops.infra.testing.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

/**
 * A Quarkus application started with {@link SharedInfraResource} gets the JVM's shared servers,
 * also when it runs after another application (and so another class loader) started them.
 */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SharedInfraQuarkusTest {

    @Test
    void theApplicationIsConfiguredWithTheSharedServers() throws Exception {
        Config config = ConfigProvider.getConfig();
        String bootstrap = config.getValue("kafka.bootstrap.servers", String.class);
        assertEquals(System.getProperty("mlops.test.kafka.bootstrap"), bootstrap);
        assertEquals(bootstrap, config.getValue("mlops.kafka.bootstrap", String.class));
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        assertEquals(System.getProperty("mlops.test.db.url"), url);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertFalse(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty());
        }
        Properties credentials = new Properties();
        credentials.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
        credentials.setProperty("password", config.getValue("quarkus.datasource.password", String.class));
        // the driver directly: DriverManager does not see drivers of Quarkus' class loader
        try (Connection c = new Driver().connect(url, credentials)) {
            assertTrue(c.isValid(2));
        }
    }
}
