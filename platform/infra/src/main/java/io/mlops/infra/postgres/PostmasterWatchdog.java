package io.mlops.infra.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stops a PostgreSQL server when the JVM that started it dies. The server runs detached, so a JVM
 * killed with SIGKILL (no shutdown hooks) would leave it running; a tiny {@code /bin/sh} loop, not
 * a JVM, watches both pids and asks the server for a fast shutdown once the JVM is gone, then
 * deletes the data directory if it was temporary.
 */
final class PostmasterWatchdog {

    private static final Path SHELL = Path.of("/bin/sh");
    /**
     * Puts the watchdog in a session of its own where available: killing the JVM's whole process
     * group must not take the watchdog along, since the server (in its own session) survives it.
     */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /**
     * {@code alive} treats a zombie as dead: where no init process reaps orphans promptly,
     * {@code kill -0} alone would keep succeeding for an exited server.
     */
    private static final String SCRIPT = String.join("\n",
            "alive() { kill -0 \"$1\" 2>/dev/null && ! grep -q '^[0-9]* (.*) Z' \"/proc/$1/stat\" 2>/dev/null; }",
            "while alive \"$1\" && alive \"$2\"; do sleep 1; done",
            "alive \"$1\" && exit 0",
            "kill -INT \"$2\" 2>/dev/null",
            "while alive \"$2\"; do sleep 0.2; done",
            "[ -n \"$3\" ] && rm -rf \"$3\"",
            "exit 0");

    private PostmasterWatchdog() {
    }

    /**
     * Starts the watchdog, or returns empty where there is no POSIX shell.
     *
     * @param tempDataDir data directory to delete after the server stopped, or null to keep it
     */
    static Optional<Process> start(long postmasterPid, Path tempDataDir) {
        if (!Files.isExecutable(SHELL)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(List.of(SHELL.toString(), "-c", SCRIPT, "postgres-watchdog",
                Long.toString(ProcessHandle.current().pid()), Long.toString(postmasterPid)));
        command.add(tempDataDir == null ? "" : tempDataDir.toString());
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
