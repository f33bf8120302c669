package io.mlops.events.time;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes an {@link Instant} as the RFC 3339 text {@link Instant#toString()} gives, through
 * {@link IsoInstants#format}, in place of Jackson's {@code InstantSerializer}, which goes through
 * {@code DateTimeFormatter}. The platform always writes instants as this text: a mapper using it
 * ignores {@code WRITE_DATES_AS_TIMESTAMPS} and {@code @JsonFormat} on instants, neither of which
 * the platform's records or settings use.
 */
public final class InstantTextSerializer extends StdScalarSerializer<Instant> {

    public InstantTextSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(IsoInstants.format(value));
    }
}
