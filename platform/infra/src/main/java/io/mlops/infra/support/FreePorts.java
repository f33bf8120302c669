package io.mlops.infra.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Picks TCP ports that are free to bind, for servers started on this machine. */
public final class FreePorts {

    /** Linux's list of the local ports it gives outgoing connections. */
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    /**
     * Returns {@code count} distinct ports that were free a moment ago, below the range the kernel
     * gives outgoing connections where it can tell: a port picked there and bound a few seconds
     * later by a starting process can meanwhile have become the local end of some other process's
     * connection (to PostgreSQL, to the broker), and that process would fail to bind it.
     */
    public static int[] pick(int count) {
        int ephemeralStart = ephemeralStart();
        if (ephemeralStart - LOWEST >= 1_000) {
            Set<Integer> chosen = new LinkedHashSet<>();
            for (int i = 0; i < ATTEMPTS && chosen.size() < count; i++) {
                int candidate = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
                if (!chosen.contains(candidate) && isFree(candidate)) {
                    chosen.add(candidate);
                }
            }
            if (chosen.size() == count) {
                return chosen.stream().mapToInt(Integer::intValue).toArray();
            }
        }
        return pickFromKernel(count);
    }

    /** The first port of the kernel's ephemeral range, or 0 when it cannot be read (not Linux). */
    static int ephemeralStart() {
        try {
            String[] range = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Ports the kernel chooses (from its ephemeral range). The sockets are held open together so
     * that the operating system cannot hand out the same port twice.
     */
    private static int[] pickFromKernel(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                sockets.add(socket);
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        } finally {
            sockets.forEach(FreePorts::closeQuietly);
        }
    }

    /**
     * True if {@code port} can be bound on every interface: the services bind the wildcard address,
     * which fails if anything holds the port on any one. Address reuse is set before binding, as the
     * servers set it, so a port whose last connection is only in TIME_WAIT counts as free.
     */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the port is released either way
        }
    }
}
