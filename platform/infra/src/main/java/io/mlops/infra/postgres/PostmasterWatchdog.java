package io.mlops.infra.postgres;

import io.mlops.infra.support.NewSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Stops a PostgreSQL server when the JVM that started it dies. The server runs detached, so a JVM
 * killed with SIGKILL (no shutdown hooks) would leave it running; a tiny {@code /bin/sh} loop, not
 * a JVM, watches the JVM and, once it is gone, asks the server named in the data directory's
 * {@code postmaster.pid} for a fast shutdown, then deletes the data directory if it was temporary.
 *
 * <p>It starts before the server and looks the server up only when the JVM has died, so there is
 * no moment after the server started when a killed JVM would leave it running.
 */
final class PostmasterWatchdog {

    private static final Path SHELL = Path.of("/bin/sh");

    /**
     * {@code alive} treats a zombie as dead: where no init process reaps orphans promptly,
     * {@code kill -0} alone would keep succeeding for an exited process. A pid whose process is
     * not PostgreSQL (a stale file, a reused pid) is left alone.
     */
    private static final String SCRIPT = String.join("\n",
            "alive() { kill -0 \"$1\" 2>/dev/null && ! grep -q '^[0-9]* (.*) Z' \"/proc/$1/stat\" 2>/dev/null; }",
            "while alive \"$1\"; do sleep 1; done",
            "pid=$(head -n 1 \"$2/postmaster.pid\" 2>/dev/null)",
            "if [ -n \"$pid\" ] && alive \"$pid\"; then",
            "  if [ ! -r \"/proc/$pid/comm\" ] || grep -q postgres \"/proc/$pid/comm\"; then",
            "    kill -INT \"$pid\"",
            "    while alive \"$pid\"; do sleep 0.2; done",
            "  fi",
            "fi",
            "[ -n \"$3\" ] && rm -rf \"$3\"",
            "exit 0");

    private PostmasterWatchdog() {
    }

    /**
     * Starts the watchdog for the server of {@code dataDir}, or returns empty where there is no
     * POSIX shell.
     *
     * @param tempDataDir data directory to delete after the server stopped, or null to keep it
     */
    static Optional<Process> start(Path dataDir, Path tempDataDir) {
        if (!Files.isExecutable(SHELL)) {
            return Optional.empty();
        }
        // In a session of its own where available: killing the JVM's whole process group must not
        // take the watchdog along, since the server (in its own session) survives it.
        List<String> command = NewSession.prefix(List.of(SHELL.toString(), "-c", SCRIPT, "postgres-watchdog",
                Long.toString(ProcessHandle.current().pid()), dataDir.toString(),
                tempDataDir == null ? "" : tempDataDir.toString()));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            return Optional.of(process);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
