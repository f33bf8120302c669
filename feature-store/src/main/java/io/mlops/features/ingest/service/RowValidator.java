package io.mlops.features.ingest.service;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.common.text.WellFormedText;
import io.mlops.features.config.IngestConfig;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.error.Names;
import io.mlops.features.jdbc.Json;
import io.mlops.features.view.service.EntityKeys;
import io.mlops.features.view.service.EventTimes;
import io.mlops.features.view.service.FeatureSpec;
import io.mlops.features.view.service.JoinKey;
import io.mlops.features.view.service.JsonTypes;
import io.mlops.features.view.service.ViewSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks rows against a view version, all or nothing: one bad cell rejects the batch, and the
 * answer lists every bad cell as {@code rows[i].column}. Push and stream ingestion share it, so a
 * row is accepted or refused the same way on either path.
 */
@ApplicationScoped
public class RowValidator {

    /**
     * Longest STRING value. Values are served from memory (the online cache counts entries, not
     * bytes), so a feature is a category or a short text, never a document.
     */
    public static final int MAX_STRING_CHARS = 65_536;

    /** The refusal of a feature the rows leave out. */
    static final String MISSING = "is missing; send null for no value";

    private final IngestConfig config;

    public RowValidator(IngestConfig config) {
        this.config = config;
    }

    /**
     * The validated rows, or a 422: UNKNOWN_FEATURE when a row has a column the view does not
     * define (naming it), SCHEMA_VIOLATION for every other problem; 413 above the row limit.
     */
    public List<ValidatedRow> validate(ViewSchema view, List<?> rows) {
        if (rows.size() > config.maxRowsPerBatch()) {
            throw FeatureErrors.tooLarge("The batch has " + rows.size() + " rows; at most "
                    + config.maxRowsPerBatch() + " are accepted at once. Split it.");
        }
        Instant now = Instant.now();
        Instant latestAllowed = now.plus(config.maxFutureSkew());
        List<ValidatedRow> out = new ArrayList<>(rows.size());
        List<FieldError> errors = new ArrayList<>();
        String unknown = null;
        for (int i = 0; i < rows.size(); i++) {
            String at = "rows[" + i + "]";
            if (!(rows.get(i) instanceof Map<?, ?> row)) {
                errors.add(new FieldError(at, "must be a JSON object, got " + JsonTypes.of(rows.get(i))));
                continue;
            }
            int before = errors.size();
            Object[] key = new Object[view.joinKeys().size()];
            for (int k = 0; k < key.length; k++) {
                JoinKey joinKey = view.joinKeys().get(k);
                try {
                    key[k] = EntityKeys.checkValue(joinKey.type(), row.get(joinKey.name()));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(at + "." + joinKey.name(), e.getMessage()));
                }
            }
            Instant eventTs = eventTime(row.get(Names.EVENT_TIMESTAMP), latestAllowed, at, errors);
            Map<String, Object> values = new LinkedHashMap<>(view.features().size() * 2);
            for (FeatureSpec f : view.features()) {
                if (!row.containsKey(f.name())) {
                    errors.add(new FieldError(at + "." + f.name(), MISSING));
                    continue;
                }
                try {
                    values.put(f.name(), checkValue(f, row.get(f.name())));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(at + "." + f.name(), e.getMessage()));
                }
            }
            for (Object column : row.keySet()) {
                String name = String.valueOf(column);
                if (!Names.EVENT_TIMESTAMP.equals(name) && view.feature(name) == null && !isJoinKey(view, name)) {
                    errors.add(new FieldError(at + "." + name, "unknown feature '" + name + "': view '" + view.name()
                            + "' version " + view.version() + " has no such column"));
                    unknown = unknown == null ? name : unknown;
                }
            }
            if (errors.size() == before) {
                out.add(new ValidatedRow(EntityKeys.encode(key), eventTs, Json.write(values)));
            }
        }
        if (!errors.isEmpty()) {
            throw rejected(view, errors, unknown, rows.size());
        }
        return out;
    }

    private static PlatformException rejected(ViewSchema view, List<FieldError> errors, String unknown, int rows) {
        String counts = errors.size() + " error(s) in a batch of " + rows + " row(s); nothing was written";
        if (unknown != null) {
            return new PlatformException(ErrorCode.UNKNOWN_FEATURE, "Unknown feature '" + unknown + "' for view '"
                    + view.name() + "': " + counts, FeatureErrors.capped(errors));
        }
        return new PlatformException(ErrorCode.SCHEMA_VIOLATION, "Rows do not match view '" + view.name()
                + "' version " + view.version() + ": " + counts + "; first: " + errors.get(0).field() + " "
                + errors.get(0).message(), FeatureErrors.capped(errors));
    }

    /**
     * A DOUBLE as the decimal it is, with at least one digit after the point: jsonb stores numbers
     * as numeric, which would turn the {@code 1.0E7} Jackson writes into {@code 10000000}, read
     * back (and served) as an integer; {@code 10000000.0} keeps its point.
     */
    static BigDecimal withDecimalPoint(double d) {
        BigDecimal exact = new BigDecimal(Double.toString(d));
        return exact.scale() < 1 ? exact.setScale(1) : exact;
    }

    private static boolean isJoinKey(ViewSchema view, String name) {
        for (JoinKey k : view.joinKeys()) {
            if (k.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private Instant eventTime(Object raw, Instant latestAllowed, String at, List<FieldError> errors) {
        String field = at + "." + Names.EVENT_TIMESTAMP;
        Instant ts;
        try {
            ts = EventTimes.parse(raw);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
        if (ts.isAfter(latestAllowed)) {
            errors.add(new FieldError(field, "'" + raw + "' is more than " + config.maxFutureSkew()
                    + " in the future; a future value would shadow every real one until then"));
            return null;
        }
        return ts;
    }

    /** The value normalized to the feature's type; null stays null (the feature has no value). */
    static Object checkValue(FeatureSpec feature, Object raw) {
        if (raw == null) {
            return null;
        }
        switch (feature.type()) {
            case INT64 -> {
                if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
                    return ((Number) raw).longValue();
                }
                if (raw instanceof BigInteger) {
                    throw new IllegalArgumentException("is out of the INT64 range");
                }
            }
            case DOUBLE -> {
                if (raw instanceof Number n && !(raw instanceof BigInteger big && big.bitLength() > 1023)) {
                    double d = n instanceof BigDecimal dec ? dec.doubleValue() : n.doubleValue();
                    if (Double.isFinite(d)) {
                        // Below 1e7 Jackson writes a point or a negative exponent, which jsonb keeps.
                        return Math.abs(d) < 1e7 ? d : withDecimalPoint(d);
                    }
                }
            }
            case STRING -> {
                if (raw instanceof String s) {
                    if (s.indexOf('\u0000') >= 0) {
                        throw new IllegalArgumentException("must not contain U+0000");
                    }
                    String malformed = WellFormedText.problem(s);
                    if (malformed != null) {
                        throw new IllegalArgumentException(malformed);
                    }
                    if (s.length() > MAX_STRING_CHARS) {
                        throw new IllegalArgumentException("is " + s.length() + " characters long; a STRING feature"
                                + " holds at most " + MAX_STRING_CHARS);
                    }
                    return s;
                }
            }
            case BOOL -> {
                if (raw instanceof Boolean) {
                    return raw;
                }
            }
            default -> throw new IllegalStateException("unhandled type " + feature.type());
        }
        throw new IllegalArgumentException("expected " + feature.type() + ", got " + JsonTypes.of(raw)
                + " (" + abbreviate(raw) + ")");
    }

    private static String abbreviate(Object raw) {
        String text = raw instanceof String s ? "\"" + s + "\"" : String.valueOf(raw);
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
