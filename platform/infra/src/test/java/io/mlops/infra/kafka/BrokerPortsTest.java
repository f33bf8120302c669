package io.mlops.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlops.infra.InfraStartException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerPortsTest {

    @TempDir
    Path tmp;

    @Test
    void aBusyClientPortFailsTheStartBeforeAnythingIsLaunched() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            KafkaBrokerConfig config = new KafkaBrokerConfig(KafkaLibDir.locate(), tmp.resolve("data"), busy.getLocalPort(),
                    null, "256m", false);

            InfraStartException e = assertThrows(InfraStartException.class, () -> KafkaBroker.start(config));

            assertTrue(e.getMessage().contains("Port " + busy.getLocalPort() + " is already in use"), e.getMessage());
            assertTrue(Files.notExists(config.dataDir().resolve(ServerPropertiesWriter.FILE_NAME)));
        }
    }

    @Test
    void portZeroGetsTwoDistinctFreePorts() {
        BrokerPorts ports = BrokerPorts.choose(0);
        assertNotEquals(ports.client(), ports.controller());
    }

    @Test
    void aFixedPortGetsTheControllerRightAboveItWhenFree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        BrokerPorts ports = BrokerPorts.choose(port);
        assertEquals(port, ports.client());
        assertNotEquals(port, ports.controller());
    }
}
