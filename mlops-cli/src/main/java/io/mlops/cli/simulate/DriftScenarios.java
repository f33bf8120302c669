package io.mlops.cli.simulate;

/** Ready-made drifts for the built-in data set. */
public final class DriftScenarios {

    /**
     * Half of German Credit's twenty features shift: three continuous ones move by one to one and
     * a half standard deviations, and seven categorical ones collapse onto a single category. Half
     * is the share at which dataset drift is declared.
     */
    public static final String CREDIT_HALF_SHIFTED = "duration=+1.5std,credit_amount=+1.5std,age=-1std,"
            + "purpose=education,checking_status=no checking,employment=unemployed,"
            + "savings_status=no known savings,housing=for free,property_magnitude=no known property,"
            + "other_payment_plans=bank";

    private DriftScenarios() {
    }
}
