package io.mlops.cli;

import io.mlops.cli.platform.Components;
import io.mlops.cli.platform.LogTail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mlops logs <name>}: the end of a component's log under {@code $MLOPS_HOME/logs}, optionally followed. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = "Prints the end of a component's log; with -f, keeps printing what is appended (Ctrl-C ends).")
final class LogsCommand implements Callable<Integer> {

    @ParentCommand
    private MlopsCommand root;

    @Parameters(index = "0", paramLabel = "NAME", completionCandidates = ComponentNames.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    private String name;

    @Option(names = {"-n", "--lines"}, paramLabel = "N", defaultValue = "100",
            description = "How many lines from the end to print (default: ${DEFAULT-VALUE}).")
    private int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as they are appended.")
    private boolean follow;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Terminal terminal = root.terminal();
        if (!Components.names().contains(name)) {
            terminal.error("unknown component '" + name + "'; valid names: " + String.join(", ", Components.names()));
            return ExitCodes.USAGE;
        }
        if (lines < 0) {
            terminal.error("--lines must not be negative");
            return ExitCodes.USAGE;
        }
        Path log = root.settings().logFile(name);
        if (!Files.exists(log) && !follow) {
            terminal.error("no log for " + name + " yet (" + log + "); it appears once `mlops up` has started it");
            return ExitCodes.FAILURE;
        }
        long end = 0;
        if (Files.exists(log)) {
            end = Files.size(log);
            LogTail.lastLines(log, end, lines).forEach(terminal.out()::println);
            terminal.out().flush();
        }
        if (follow) {
            LogTail.follow(log, end, line -> {
                terminal.out().println(line);
                terminal.out().flush();
            }, () -> true, Duration.ofMillis(250));
        }
        return ExitCodes.OK;
    }

    /** The valid names, for help and shell completion. */
    static final class ComponentNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = Components.names();
            return names.iterator();
        }
    }
}
