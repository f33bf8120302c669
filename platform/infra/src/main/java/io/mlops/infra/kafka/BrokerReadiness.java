package io.mlops.infra.kafka;

import io.mlops.infra.InfraStartException;
import io.mlops.infra.support.LogTail;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/**
 * Waits until a freshly launched broker serves requests: first its port accepts connections (a
 * cheap probe that keeps the admin client from logging connection failures), then an admin
 * {@code describeCluster} names at least one node. Fails fast if the broker JVM exits.
 */
final class BrokerReadiness {

    private static final int LOG_LINES = 40;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int CONNECT_TIMEOUT_MILLIS = 200;
    private static final int DESCRIBE_TIMEOUT_MILLIS = 2_000;

    private BrokerReadiness() {
    }

    static void await(Process process, int port, Admin admin, Duration timeout, Path logFile) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean portOpen = false;
        Exception lastFailure = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new InfraStartException("The Kafka broker exited during start-up (exit code " + process.exitValue()
                        + "); last lines of " + logFile + ":\n" + LogTail.of(logFile, LOG_LINES));
            }
            portOpen = portOpen || accepts(port);
            if (portOpen) {
                try {
                    Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(DESCRIBE_TIMEOUT_MILLIS))
                            .nodes().get(DESCRIBE_TIMEOUT_MILLIS + 500L, TimeUnit.MILLISECONDS);
                    if (!nodes.isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastFailure = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InfraStartException("Interrupted while waiting for the Kafka broker", e);
                }
            }
            sleep();
        }
        String stage = portOpen ? "did not answer describeCluster" : "never opened port " + port;
        throw new InfraStartException("The Kafka broker " + stage + " within " + timeout.toSeconds() + " s"
                + (lastFailure == null ? "" : " (" + lastFailure.getMessage() + ")")
                + "; last lines of " + logFile + ":\n" + LogTail.of(logFile, LOG_LINES), lastFailure);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraStartException("Interrupted while waiting for the Kafka broker", e);
        }
    }
}
