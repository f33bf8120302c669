package io.mlops.infra.testing.quarkus;

/** Quarkus runs one application at a time: its test classes share this lock, other classes run beside them. */
final class QuarkusApplications {

    static final String LOCK = "quarkus-application";

    private QuarkusApplications() {
    }
}
