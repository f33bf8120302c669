package io.mlops.cli.autopilot;

import static io.mlops.cli.autopilot.AliasNames.CHALLENGER;
import static io.mlops.cli.autopilot.AliasNames.CHAMPION;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * Undoes a trial: traffic back to the champion alone, the challenger alias removed, and, if the
 * champion had already been moved to the challenger, the champion restored to the version it
 * pointed at before that move, read from the alias history.
 */
public final class Rollback {

    private final Aliases aliases;
    private final Traffic traffic;
    private final Report report;
    private final Duration swapTimeout;

    public Rollback(Aliases aliases, Traffic traffic, Report report, Duration swapTimeout) {
        this.aliases = aliases;
        this.traffic = traffic;
        this.report = report;
        this.swapTimeout = swapTimeout;
    }

    /**
     * @param championBefore the champion when the trial began, restored if history has nothing better
     * @return the version the champion alias points at afterwards
     */
    public int run(int championBefore, int challenger, String reason) throws InterruptedException {
        report.step("rolling back: " + reason);
        traffic.championOnly(CHAMPION);
        report.detail("inference: champion only, shadow off");
        if (aliases.version(CHALLENGER).isPresent()) {
            aliases.delete(CHALLENGER);
            report.detail("registry: alias challenger deleted (was v" + challenger + ")");
        }
        OptionalInt current = aliases.version(CHAMPION);
        if (current.isPresent() && current.getAsInt() == challenger && challenger != championBefore) {
            int previous = previousChampion(challenger).orElse(championBefore);
            aliases.set(CHAMPION, previous);
            report.detail("registry: alias champion v" + challenger + " → v" + previous
                    + " (restored from the alias history)");
            if (!traffic.awaitServing(CHAMPION, previous, swapTimeout)) {
                report.detail("inference has not loaded v" + previous + " yet; it keeps trying");
            }
            return previous;
        }
        return current.orElse(championBefore);
    }

    /** Where the champion was before its latest move onto {@code version}. */
    private OptionalInt previousChampion(int version) {
        for (Aliases.Move move : aliases.history(CHAMPION)) {
            if (move.to() != null && move.to() == version && move.from() != null) {
                return OptionalInt.of(move.from());
            }
        }
        return OptionalInt.empty();
    }
}
