package io.mlops.infra.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void picksDistinctBindablePortsOutsideTheKernelsOutgoingRange() throws Exception {
        int[] ports = FreePorts.pick(6);
        assertEquals(6, Arrays.stream(ports).distinct().count());
        int ephemeralStart = FreePorts.ephemeralStart();
        for (int port : ports) {
            if (ephemeralStart > 11_000) {
                assertTrue(port < ephemeralStart, port + " is in the range outgoing connections take");
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, socket.getLocalPort());
                assertFalse(FreePorts.isFree(port), "a listening port is not free");
            }
        }
    }
}
