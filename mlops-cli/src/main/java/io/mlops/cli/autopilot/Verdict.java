package io.mlops.cli.autopilot;

/** The outcome of a trial so far: promote, roll back, or wait for more labels. */
public record Verdict(Kind kind, String reason) {

    public enum Kind { PROMOTE, ROLL_BACK, WAIT }

    static Verdict promote(String reason) {
        return new Verdict(Kind.PROMOTE, reason);
    }

    static Verdict rollBack(String reason) {
        return new Verdict(Kind.ROLL_BACK, reason);
    }

    static Verdict waiting(String reason) {
        return new Verdict(Kind.WAIT, reason);
    }

    public boolean decided() {
        return kind != Kind.WAIT;
    }
}
