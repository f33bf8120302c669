package io.mlops.cli.autopilot;

import io.mlops.cli.train.TrainingPipeline;

/** Where autopilot says what it does: steps, their details, and a transient status while it waits. */
public interface Report extends TrainingPipeline.Progress {

    /** A line that the next one replaces (progress while waiting). */
    void waiting(String message);
}
