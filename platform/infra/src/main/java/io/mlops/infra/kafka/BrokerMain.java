package io.mlops.infra.kafka;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Entry point of a broker JVM that must not outlive the JVM that launched it: a test JVM killed
 * with SIGKILL runs no shutdown hook, so the broker watches its parent's pid itself and exits when
 * it is gone. {@code System.exit} runs Kafka's shutdown hook, so the broker still stops cleanly.
 *
 * <p>Usage: {@code BrokerMain --parent-pid <pid> <kafka.Kafka arguments>}. Kafka is called by
 * reflection so that this class compiles, and is loaded, without the broker on the class path. It
 * deliberately has no nested classes: the launcher may copy this single class file to a folder.
 */
public final class BrokerMain {

    static final String PARENT_PID_OPTION = "--parent-pid";

    private static final long POLL_MILLIS = 500;
    /** Upper bound for Kafka's clean shutdown once the parent is gone; then the JVM halts. */
    private static final long SHUTDOWN_LIMIT_MILLIS = 60_000;

    private BrokerMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2 || !PARENT_PID_OPTION.equals(args[0])) {
            System.err.println("usage: BrokerMain " + PARENT_PID_OPTION + " <pid> <server.properties> [kafka args]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[1]);
        if (!isAlive(parentPid)) {
            System.err.println("Parent process " + parentPid + " is gone; not starting the broker.");
            System.exit(0);
        }
        Thread watcher = new Thread(() -> watch(parentPid), "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        String[] kafkaArgs = Arrays.copyOfRange(args, 2, args.length);
        try {
            Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) kafkaArgs);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watch(long parentPid) {
        while (isAlive(parentPid)) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
        System.err.println("Parent process " + parentPid + " is gone; shutting the broker down.");
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_LIMIT_MILLIS);
            } catch (InterruptedException ignored) {
                // halt anyway
            }
            Runtime.getRuntime().halt(1);
        }, "shutdown-limit");
        halter.setDaemon(true);
        halter.start();
        System.exit(0);
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
