package io.mlops.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Runs {@code mlops} in-process against a given home and repository root, capturing its output. */
final class CliRun {

    final int exitCode;
    final String out;
    final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    static CliRun run(Path home, Path root, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("MLOPS_HOME", home.toString());
        Properties props = new Properties();
        props.setProperty("user.home", home.toString());
        props.setProperty("user.dir", root.toString());
        props.setProperty("mlops.root", root.toString());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        MlopsCommand command = new MlopsCommand(env, props);
        command.useTerminal(new Terminal(outWriter, errWriter, false, false));
        CommandLine cli = MlopsCommand.commandLine(command);
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        int exitCode = cli.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    static CliRun run(Path home, Path root, String... args) {
        return run(home, root, Map.of(), args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
