package io.mlops.infra.postgres;

/** A JVM holding a temporary server, for tests that kill it: prints {@code READY <dataDir>}, then waits. */
public final class EphemeralServerMain {

    private EphemeralServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PostgresServer server = PostgresServer.start(PostgresConfig.ephemeral());
        System.out.println(PostgresMain.READY + " " + server.dataDir());
        System.out.flush();
        Thread.currentThread().join();
    }
}
