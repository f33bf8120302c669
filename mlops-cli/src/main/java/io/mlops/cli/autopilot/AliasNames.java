package io.mlops.cli.autopilot;

/** The aliases autopilot moves. */
final class AliasNames {

    static final String CHAMPION = "champion";
    static final String CHALLENGER = "challenger";

    private AliasNames() {
    }
}
