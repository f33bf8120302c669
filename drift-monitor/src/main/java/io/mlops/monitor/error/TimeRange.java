package io.mlops.monitor.error;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code from}/{@code to} query range: RFC 3339 timestamps, {@code from} inclusive, {@code to}
 * exclusive, both optional. A malformed or inverted range is a 400 {@code INVALID_INPUT} naming the field.
 */
public record TimeRange(Instant from, Instant to) {

    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    public static TimeRange parse(String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        Instant start = instant("from", from, EARLIEST, errors);
        Instant end = instant("to", to, LATEST, errors);
        if (errors.isEmpty() && !start.isBefore(end)) {
            errors.add(new FieldError("to", "must be after 'from'"));
        }
        if (!errors.isEmpty()) {
            throw new PlatformException(ErrorCode.INVALID_INPUT, "Invalid time range", errors);
        }
        return new TimeRange(start, end);
    }

    /** Whether the caller limited the range at all. */
    public boolean bounded() {
        return !from.equals(EARLIEST) || !to.equals(LATEST);
    }

    private static Instant instant(String field, String text, Instant fallback, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an RFC 3339 timestamp such as 2025-01-31T12:00:00Z"));
            return fallback;
        }
        // PostgreSQL cannot compare with instants outside its range: refuse them here, not with a 500.
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            errors.add(new FieldError(field, "must be between " + EARLIEST + " and " + LATEST));
            return fallback;
        }
        return t;
    }
}
