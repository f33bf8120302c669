package io.mlops.events.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void agreesWithTheJdkOnWhatInstantToStringWrites() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 1 to 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant expected = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(expected, IsoInstants.parse(expected.toString()), expected.toString());
        }
    }

    @Test
    void writesExactlyWhatInstantToStringWrites() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            long seconds = i % 50 == 0
                    ? random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                    : random.nextLong(-62_167_219_200L - 86_400, 253_402_300_799L + 86_400); // years 0 to 9999, and past
            int nanos = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                case 3 -> random.nextInt(1, 10) * 100_000_000 + random.nextInt(2) * 7;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(instant.toString(), IsoInstants.format(instant));
        }
        for (Instant edge : new Instant[] {Instant.EPOCH, Instant.MIN, Instant.MAX, Instant.ofEpochSecond(-1, 1),
            Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
            Instant.parse("2024-02-29T12:00:00.010Z"), Instant.parse("1969-12-31T23:59:59.000001Z")}) {
            assertEquals(edge.toString(), IsoInstants.format(edge));
        }
    }

    @Test
    void readsEveryFractionLengthAndCalendarEdges() {
        for (String text : new String[] {"2024-02-29T23:59:59Z", "2026-11-23T17:53:58.1Z", "2026-11-23T17:53:58.12Z",
            "2026-11-23T17:53:58.123456789Z", "1970-01-01T00:00:00Z", "2026-12-31T00:00:00.000Z"}) {
            assertEquals(Instant.parse(text), IsoInstants.parse(text), text);
        }
    }

    @Test
    void leavesOtherFormsToTheJdk() {
        assertEquals(Instant.parse("2026-11-23T18:53:58Z"), IsoInstants.parse("2026-11-23T19:53:58+01:00"));
        assertNull(IsoInstants.parseUtc("2026-11-23T19:53:58+01:00"));
        assertNull(IsoInstants.parseUtc("2023-02-29T00:00:00Z"), "no such day");
        assertNull(IsoInstants.parseUtc("2026-11-23T24:00:00Z"));
        assertNull(IsoInstants.parseUtc("2026-11-23T17:53:58.Z"));
        assertNull(IsoInstants.parseUtc("2026-1a-23T17:53:58Z"));
    }

    @Test
    void rejectsWhatTheJdkRejects() {
        assertThrows(DateTimeParseException.class, () -> IsoInstants.parse("2023-02-29T00:00:00Z"));
        assertThrows(DateTimeParseException.class, () -> IsoInstants.parse("yesterday"));
        assertThrows(DateTimeParseException.class, () -> IsoInstants.parse("2026-11-23 17:53:58"));
    }
}
