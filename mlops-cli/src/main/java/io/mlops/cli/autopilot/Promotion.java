package io.mlops.cli.autopilot;

import static io.mlops.cli.autopilot.AliasNames.CHALLENGER;
import static io.mlops.cli.autopilot.AliasNames.CHAMPION;

import java.time.Duration;

/**
 * Makes a winning challenger the champion without dropping a request: the champion alias moves
 * first (the inference service already has the version loaded for the shadow, so the swap is one
 * reference exchange while requests keep flowing), then shadow traffic stops and the challenger
 * alias goes. If the service does not serve the new champion in time, the move is rolled back.
 */
public final class Promotion {

    private final Aliases aliases;
    private final Traffic traffic;
    private final Rollback rollback;
    private final Report report;
    private final Duration swapTimeout;

    public Promotion(Aliases aliases, Traffic traffic, Rollback rollback, Report report, Duration swapTimeout) {
        this.aliases = aliases;
        this.traffic = traffic;
        this.rollback = rollback;
        this.report = report;
        this.swapTimeout = swapTimeout;
    }

    /** @return the champion afterwards: {@code challenger}, or the restored one when the swap failed */
    public int run(int championBefore, int challenger) throws InterruptedException {
        report.step("promoting v" + challenger + " to champion");
        aliases.set(CHAMPION, challenger);
        report.detail("registry: alias champion v" + championBefore + " → v" + challenger);
        if (!traffic.awaitServing(CHAMPION, challenger, swapTimeout)) {
            return rollback.run(championBefore, challenger, "inference did not serve v" + challenger
                    + " as champion within " + swapTimeout.toSeconds() + " s");
        }
        report.detail("inference serves v" + challenger + " as champion");
        traffic.championOnly(CHAMPION);
        report.detail("inference: champion only, shadow off");
        aliases.delete(CHALLENGER);
        report.detail("registry: alias challenger deleted");
        return challenger;
    }
}
