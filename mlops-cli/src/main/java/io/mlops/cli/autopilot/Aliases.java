package io.mlops.cli.autopilot;

import java.util.List;
import java.util.OptionalInt;

/** A model's aliases in the registry: every change is written with its event and kept in the alias history. */
public interface Aliases {

    OptionalInt version(String alias);

    void set(String alias, int version);

    void delete(String alias);

    /** Every move of the alias, newest first. */
    List<Move> history(String alias);

    /** One alias move; {@code from} or {@code to} is null when the alias was created or deleted. */
    record Move(Integer from, Integer to) {
    }
}
