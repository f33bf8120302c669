package io.mlops.infra.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a child in a session of its own where {@code setsid} exists, so a Ctrl-C or a hang-up in
 * the terminal of the process that started it does not reach it. {@code setsid} execs in place
 * (a child of a JVM is not a process-group leader), so the child keeps the pid the JVM sees.
 */
public final class NewSession {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private NewSession() {
    }

    public static boolean available() {
        return Files.isExecutable(SETSID);
    }

    /** {@code command} run through {@code setsid} when it is available, else as it is. */
    public static List<String> prefix(List<String> command) {
        List<String> line = new ArrayList<>(command.size() + 1);
        if (available()) {
            line.add(SETSID.toString());
        }
        line.addAll(command);
        return line;
    }
}
