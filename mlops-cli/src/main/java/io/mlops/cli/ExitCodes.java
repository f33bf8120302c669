package io.mlops.cli;

/** Exit codes shared by all commands, so scripts can tell a failure from "not running". */
public final class ExitCodes {

    public static final int OK = 0;
    /** The command could not do what was asked (missing build, a component failed to start, ...). */
    public static final int FAILURE = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** {@code status}: at least one component is not up. */
    public static final int NOT_ALL_UP = 3;

    private ExitCodes() {
    }
}
