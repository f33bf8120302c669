package io.mlops.cli.platform;

import io.mlops.infra.support.NewSession;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a background JVM that outlives the CLI.
 *
 * <p>Output is appended to a log file, never piped: a pipe would break (and could block or kill
 * the child) once the CLI exits. Standard input is {@code /dev/null} for the same reason. Where
 * {@code setsid} exists the child also gets its own session, so closing the terminal or pressing
 * Ctrl-C in it later does not reach the platform; the CLI's shutdown hook stops what it started
 * when {@code up} itself is interrupted.
 */
public final class ProcessLauncher {

    /** Starts the line written to the log before each launch; marks where a run's output begins. */
    public static final String HEADER_PREFIX = "---- ";

    private static final File DEV_NULL = new File("/dev/null");

    private final Path java;
    private final boolean newSession;

    public ProcessLauncher(Path java, boolean newSession) {
        this.java = java;
        this.newSession = newSession;
    }

    /** The {@code java} of the running JVM, so children run on the same JDK as the CLI. */
    public static ProcessLauncher forCurrentJvm() {
        return new ProcessLauncher(Path.of(System.getProperty("java.home"), "bin", "java"),
                NewSession.available() && DEV_NULL.exists());
    }

    /**
     * Starts {@code java <javaArgs>} in {@code workDir} with {@code env} added to this process's
     * environment, appending its output to {@code logFile} after a header line naming the command.
     */
    public Process start(List<String> javaArgs, Map<String, String> env, Path logFile, Path workDir)
            throws IOException {
        List<String> javaCommand = new ArrayList<>();
        javaCommand.add(java.toString());
        javaCommand.addAll(javaArgs);
        List<String> command = newSession ? NewSession.prefix(javaCommand) : javaCommand;

        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Files.createDirectories(workDir);
        Files.writeString(logFile, HEADER_PREFIX + Instant.now() + " starting: " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectErrorStream(true);
        if (DEV_NULL.exists()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        }
        builder.environment().putAll(env);
        return builder.start();
    }
}
