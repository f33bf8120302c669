package io.mlops.cli;

import io.mlops.cli.platform.ReadinessWaiter;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Shows start-up progress: on a terminal, a spinner line naming the services still starting;
 * elsewhere, a plain "still waiting" line every ten seconds. Either way one line per service
 * once it is ready.
 */
final class ReadinessProgress implements ReadinessWaiter.Listener {

    private static final String SPINNER = "|/-\\";
    private static final long PLAIN_EVERY_SECONDS = 10;

    private final Terminal terminal;
    private final Map<String, ProcessHandle> processes;
    private int frame;
    private long lastPlainReport;

    ReadinessProgress(Terminal terminal, Map<String, ProcessHandle> processes) {
        this.terminal = terminal;
        this.processes = processes;
    }

    @Override
    public void progress(Map<String, ReadinessWaiter.State> states, Duration elapsed) {
        String waiting = String.join(", ", states.entrySet().stream()
                .filter(e -> e.getValue() == ReadinessWaiter.State.STARTING).map(Map.Entry::getKey).toList());
        if (waiting.isEmpty()) {
            terminal.clearStatus();
            return;
        }
        if (terminal.interactive()) {
            char spin = SPINNER.charAt(frame++ % SPINNER.length());
            terminal.status(spin + " waiting for " + waiting + " (" + elapsed.toSeconds() + " s)");
        } else if (elapsed.toSeconds() / PLAIN_EVERY_SECONDS > lastPlainReport) {
            lastPlainReport = elapsed.toSeconds() / PLAIN_EVERY_SECONDS;
            terminal.println("waiting for " + waiting + " (" + elapsed.toSeconds() + " s)");
        }
    }

    @Override
    public void ready(String name, Duration took) {
        ProcessHandle process = processes.get(name);
        terminal.println(terminal.green("ready   ") + name + " in " + seconds(took)
                + (process != null ? " (pid " + process.pid() + ")" : ""));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
