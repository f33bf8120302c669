package io.mlops.cli.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointTest {

    @Test
    void parsesTheFirstBrokerOfABootstrapList() {
        assertEquals(new Endpoint("127.0.0.1", 9092), Endpoint.fromBootstrap("127.0.0.1:9092"));
        assertEquals(new Endpoint("kafka-0", 29092), Endpoint.fromBootstrap(" kafka-0:29092 , kafka-1:29092"));
        assertEquals(new Endpoint("::1", 9092), Endpoint.fromBootstrap("[::1]:9092"));
    }

    @Test
    void parsesJdbcUrlsWithAndWithoutPort() {
        assertEquals(new Endpoint("127.0.0.1", 15432),
                Endpoint.fromJdbcUrl("jdbc:postgresql://127.0.0.1:15432/mlops"));
        assertEquals(new Endpoint("db.example.org", 5432),
                Endpoint.fromJdbcUrl("jdbc:postgresql://db.example.org/mlops?sslmode=require"));
    }

    @Test
    void parsesServiceUrlsAndTellsLoopbackFromOtherHosts() {
        assertEquals(new Endpoint("127.0.0.1", 8081), Endpoint.fromHttpUrl("http://127.0.0.1:8081"));
        assertEquals(new Endpoint("registry.example.org", 80), Endpoint.fromHttpUrl("http://registry.example.org/"));
        assertEquals(new Endpoint("registry.example.org", 443), Endpoint.fromHttpUrl("https://registry.example.org"));
        assertEquals(new Endpoint("::1", 8083), Endpoint.fromHttpUrl("http://[::1]:8083"));
        assertTrue(Endpoint.fromHttpUrl("http://localhost:8081").isLoopback());
        assertTrue(Endpoint.fromHttpUrl("http://[::1]:8081").isLoopback());
        assertFalse(Endpoint.fromHttpUrl("http://10.0.0.5:8081").isLoopback());
        assertThrows(IllegalArgumentException.class, () -> Endpoint.fromHttpUrl("127.0.0.1:8081"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.fromHttpUrl("ftp://host/x"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.fromHttpUrl("http://bad host"));
    }

    @Test
    void rejectsAddressesItCannotProbe() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.fromBootstrap("kafka"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.fromBootstrap("kafka:port"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.fromJdbcUrl("postgresql://x/db"));
    }

    @Test
    void printsAsHostColonPort() {
        assertEquals("127.0.0.1:9092", new Endpoint("127.0.0.1", 9092).toString());
        assertEquals("[::1]:9092", new Endpoint("::1", 9092).toString());
    }
}
