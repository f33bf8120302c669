package io.mlops.cli.autopilot;

import java.time.Duration;

/** How the inference service routes a model's requests, and what it has loaded. */
public interface Traffic {

    /** The champion answers every request; the challenger runs on each of them too, never answering. */
    void shadow(String championAlias, String challengerAlias);

    /** The champion alone. */
    void championOnly(String championAlias);

    /** Waits until the alias serves this version; false when it does not within the timeout. */
    boolean awaitServing(String alias, int version, Duration timeout) throws InterruptedException;
}
