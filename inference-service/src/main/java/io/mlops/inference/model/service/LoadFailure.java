package io.mlops.inference.model.service;

/** Why a version could not be loaded; {@link Reason#retryable()} decides whether to try again. */
public class LoadFailure extends Exception {

    /** Also the {@code reason} tag of {@code mlops_inference_load_failures_total}. */
    public enum Reason {
        VERSION_MISSING("version_missing", false),
        CORRUPT_ARTIFACT("corrupt_artifact", true),
        UNLOADABLE("unloadable", false),
        REGISTRY_UNAVAILABLE("registry_unavailable", true);

        private final String tag;
        private final boolean retryable;

        Reason(String tag, boolean retryable) {
            this.tag = tag;
            this.retryable = retryable;
        }

        public String tag() {
            return tag;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;

    public LoadFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
