package io.mlops.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mlops.events.time.InstantTextSerializer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTuningTest {

    private static ObjectMapper plain() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Test
    void instantsAreWrittenByThePlatformSerializerEvenAfterJavaTimeModule() throws Exception {
        ObjectMapper tuned = JsonTuning.apply(plain());
        assertInstanceOf(InstantTextSerializer.class,
                tuned.getSerializerProviderInstance().findValueSerializer(Instant.class));
        assertInstanceOf(InstantTextSerializer.class,
                EventJson.mapper().getSerializerProviderInstance().findValueSerializer(Instant.class));
        assertTrue(tuned.getFactory().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER));
        assertTrue(tuned.getFactory().isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER));
    }

    @Test
    void everyValueReadsBackAsAnUntunedMapperReadsIt() throws Exception {
        ObjectMapper plain = plain();
        ObjectMapper tuned = JsonTuning.apply(plain());
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> random.nextDouble(-1e6, 1e6);
                case 2 -> Double.longBitsToDouble(random.nextLong());
                default -> Math.round(random.nextDouble(0, 1e4)) / 100.0;
            };
            float f = (float) d;
            if (!Double.isFinite(d) || !Float.isFinite(f)) {
                continue;
            }
            Instant t = Instant.ofEpochSecond(random.nextLong(0, 4_102_444_800L), random.nextInt(1_000_000_000));
            Map<String, Object> value = Map.of("d", d, "f", f, "t", t, "list", List.of(d, t));
            String tunedText = tuned.writeValueAsString(value);
            // Each writer may choose other digits (Schubfach writes the shortest that reads back; the
            // JDK 17's Float.toString sometimes one more), but every reader gets the same value back.
            for (ObjectMapper reader : List.of(plain, tuned)) {
                assertEquals(d, reader.readTree(tunedText).get("d").doubleValue(), tunedText);
                assertEquals(d, reader.readTree(tunedText).get("list").get(0).doubleValue(), tunedText);
                assertEquals(f, reader.readTree(tunedText).get("f").floatValue(), tunedText);
                assertEquals(d, reader.readTree(plain.writeValueAsString(value)).get("d").doubleValue());
            }
            assertEquals(t.toString(), tuned.readTree(tunedText).get("t").textValue());
        }
    }
}
