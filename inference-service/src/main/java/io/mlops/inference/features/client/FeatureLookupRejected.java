package io.mlops.inference.features.client;

/**
 * The feature store answered 4xx with a problem code about the lookup: the lookup itself is wrong
 * (an entity key of the wrong type, a feature it does not have). Not an outage, so it does not
 * open the circuit breaker.
 */
public class FeatureLookupRejected extends RuntimeException {

    private final int status;
    private final String code;

    public FeatureLookupRejected(int status, String code, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The feature store's problem {@code code}. */
    public String code() {
        return code;
    }
}
