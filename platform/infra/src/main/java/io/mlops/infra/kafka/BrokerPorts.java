package io.mlops.infra.kafka;

import io.mlops.infra.InfraStartException;
import io.mlops.infra.support.FreePorts;

/**
 * The two ports of a combined broker+controller node.
 *
 * @param client     PLAINTEXT listener for producers, consumers and admin clients
 * @param controller CONTROLLER listener for the KRaft quorum (only the node itself uses it)
 */
record BrokerPorts(int client, int controller) {

    BrokerPorts {
        if (client <= 0 || controller <= 0 || client == controller) {
            throw new IllegalArgumentException("need two distinct ports, got " + client + " and " + controller);
        }
    }

    /**
     * Free ports for a broker asked to listen on {@code requested} (0 = any). A fixed client port
     * gets the conventional controller port right above it when that one is free.
     */
    static BrokerPorts choose(int requested) {
        if (requested == 0) {
            int[] ports = FreePorts.pick(2);
            return new BrokerPorts(ports[0], ports[1]);
        }
        requireFree(requested);
        int controller = requested < 65_535 && FreePorts.isFree(requested + 1)
                ? requested + 1
                : otherThan(requested);
        return new BrokerPorts(requested, controller);
    }

    /**
     * Checked up front because the start-up probe would otherwise find whatever already listens on
     * the port (another broker, say) and take it for the new broker.
     */
    static void requireFree(int port) {
        if (!FreePorts.isFree(port)) {
            throw new InfraStartException("Port " + port + " is already in use; is a Kafka broker already running? "
                    + "Stop it or choose another port.");
        }
    }

    private static int otherThan(int port) {
        for (int candidate : FreePorts.pick(2)) {
            if (candidate != port) {
                return candidate;
            }
        }
        throw new IllegalStateException("unreachable: two distinct free ports cannot both equal " + port);
    }
}
