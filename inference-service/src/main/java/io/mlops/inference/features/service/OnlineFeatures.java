package io.mlops.inference.features.service;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.events.time.IsoInstants;
import io.mlops.inference.error.InferenceErrors;
import io.mlops.inference.features.client.FeatureLookupRejected;
import io.mlops.inference.features.client.FeatureStoreGateway;
import io.mlops.inference.features.client.FeatureStoreUnavailable;
import io.mlops.inference.features.client.OnlineFeaturesRequest;
import io.mlops.inference.features.client.OnlineFeaturesResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Fetches the features of one entity in a single call and maps the platform's failures: a
 * feature store that is down, slow or behind an open breaker is 503 UPSTREAM_UNAVAILABLE; a
 * lookup it rejects keeps its status and code (the request named a bad entity).
 */
@ApplicationScoped
public class OnlineFeatures {

    private final FeatureStoreGateway gateway;

    public OnlineFeatures(FeatureStoreGateway gateway) {
        this.gateway = gateway;
    }

    /** Values by feature reference, for the one entity {@code entities} names; fails with a {@link PlatformException}. */
    public Uni<Map<String, FeatureValue>> fetch(List<String> refs, Map<String, Object> entities, String traceparent) {
        Map<String, List<Object>> keys = new LinkedHashMap<>();
        entities.forEach((k, v) -> keys.put(k, List.of(v)));
        return gateway.lookup(traceparent, new OnlineFeaturesRequest(refs, keys, false))
                .onFailure().transform(OnlineFeatures::asPlatformError)
                .map(response -> map(refs, response));
    }

    /**
     * Whether {@code e} is the store refusing the lookup as asked (a 4xx): a view or feature it does
     * not have, two features answering under one name, a join key the request does not carry.
     */
    public static boolean refused(Throwable e) {
        return e instanceof PlatformException p && p.getCause() instanceof FeatureLookupRejected;
    }

    private static Throwable asPlatformError(Throwable e) {
        if (e instanceof FeatureLookupRejected rejected) {
            ErrorCode code = codeOf(rejected);
            return new PlatformException(code, "The feature store refused the lookup: " + rejected.getMessage(),
                    List.of(new FieldError("entities", rejected.getMessage())), rejected);
        }
        if (e instanceof FeatureStoreUnavailable) {
            return InferenceErrors.upstreamUnavailable("Features are unavailable: " + e.getMessage(), e);
        }
        if (e instanceof FaultToleranceException) {
            return InferenceErrors.upstreamUnavailable("Features are unavailable: the feature store "
                    + (e instanceof CircuitBreakerOpenException ? "is failing (circuit open, retried shortly)"
                    : "could not be asked: " + e.getMessage()), e);
        }
        return e;
    }

    private static Map<String, FeatureValue> map(List<String> refs, OnlineFeaturesResponse response) {
        List<OnlineFeaturesResponse.Column> results = response == null ? null : response.results();
        if (results == null || results.size() < refs.size()) {
            throw InferenceErrors.upstreamUnavailable("The feature store answered " + (results == null ? 0 : results.size())
                    + " columns for " + refs.size() + " features", null);
        }
        int offset = results.size() - refs.size();
        Map<String, FeatureValue> values = new HashMap<>(refs.size() * 2);
        // Features written together share their event time: parse each distinct text once.
        String lastText = null;
        Instant lastTime = null;
        for (int i = 0; i < refs.size(); i++) {
            OnlineFeaturesResponse.Column column = results.get(offset + i);
            Object value = first(column.values());
            String status = (String) first(column.statuses());
            String text = (String) first(column.eventTimestamps());
            if (text == null || !text.equals(lastText)) {
                lastText = text;
                lastTime = instant(text);
            }
            values.put(refs.get(i), new FeatureValue(value, status == null ? "PRESENT" : status, lastTime));
        }
        return values;
    }

    private static Object first(List<?> list) {
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            Instant t = IsoInstants.parse(text);
            return t.equals(Instant.EPOCH) ? null : t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ErrorCode codeOf(FeatureLookupRejected e) {
        if (e.code() != null) {
            try {
                ErrorCode code = ErrorCode.valueOf(e.code());
                if (code.status() >= 400 && code.status() < 500) {
                    return code;
                }
            } catch (IllegalArgumentException unknown) {
                // fall through
            }
        }
        return ErrorCode.VALIDATION_FAILED;
    }
}
