package io.mlops.features.view.service;

import io.mlops.common.db.SqlTimes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Parses the RFC 3339 timestamps of rows and entity rows the one way every path accepts them. */
public final class EventTimes {

    private static final Instant EARLIEST = SqlTimes.EARLIEST;
    /** The last microsecond of year 9999 (what PostgreSQL keeps of {@link SqlTimes#LATEST}). */
    private static final Instant LATEST = SqlTimes.LATEST.truncatedTo(ChronoUnit.MICROS);

    private EventTimes() {
    }

    /**
     * The instant, truncated to microseconds (what PostgreSQL keeps, so that a replayed row compares
     * equal). Throws {@link IllegalArgumentException} with a client-facing reason.
     */
    public static Instant parse(Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("is required (an RFC 3339 timestamp such as 2024-05-01T12:00:00Z)");
        }
        if (!(raw instanceof String text)) {
            throw new IllegalArgumentException("must be an RFC 3339 timestamp string, got " + JsonTypes.of(raw));
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an RFC 3339 timestamp (e.g. 2024-05-01T12:00:00Z)");
        }
        if (instant.isBefore(EARLIEST)) {
            throw new IllegalArgumentException("'" + text + "' is before year 1");
        }
        if (instant.isAfter(LATEST)) {
            throw new IllegalArgumentException("'" + text + "' is after year 9999");
        }
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * As {@link #parse}, but also taking what Feast's feature server takes (it reads times with
     * dateutil and makes naive ones UTC): a date-time without an offset, with a space or a
     * {@code T}, and a bare date, all as UTC.
     */
    public static Instant parseNaiveAsUtc(Object raw) {
        if (raw instanceof String text) {
            String iso = text.strip().replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T");
            try {
                return parse(LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime().toString());
            } catch (DateTimeParseException notADate) {
                try {
                    return parse(LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC).toString());
                } catch (DateTimeParseException notNaive) {
                    return parse(iso);
                }
            }
        }
        return parse(raw);
    }
}
