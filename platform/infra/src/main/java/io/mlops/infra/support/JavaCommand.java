package io.mlops.infra.support;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A command line that runs a main class in a new JVM of the same Java installation as this one.
 *
 * @param jvmOptions options such as {@code -Xmx512m}
 * @param classpath  class path entries; a {@code dir/*} entry is expanded by the {@code java}
 *                   launcher itself, which keeps the command line short
 * @param mainClass  fully qualified main class
 * @param args       program arguments
 */
public record JavaCommand(List<String> jvmOptions, List<String> classpath, String mainClass, List<String> args) {

    public JavaCommand {
        jvmOptions = List.copyOf(jvmOptions);
        classpath = List.copyOf(classpath);
        Objects.requireNonNull(mainClass, "mainClass");
        args = List.copyOf(args);
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("classpath must not be empty");
        }
    }

    /** The {@code java} executable of the running JVM. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** A class path entry standing for every jar in {@code dir}. */
    public static String allJarsIn(Path dir) {
        return dir.toAbsolutePath() + File.separator + "*";
    }

    public List<String> toList() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
