package io.mlops.monitor.stream.service;

import io.mlops.common.db.SqlTimes;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.InvalidEventException;
import io.mlops.events.inference.Prediction;
import io.mlops.events.inference.PredictionRow;
import java.time.Instant;

/**
 * Reads a record of the predictions topic. Anything that cannot be counted in a window (not a
 * CloudEvent, another type, no id, model, version or rows) is an {@link InvalidEventException}
 * whose message becomes the dead-letter {@code error} header.
 */
public final class PredictionDecoder {


    private PredictionDecoder() {
    }

    public static DecodedPrediction decode(byte[] bytes) {
        if (NulEscapes.present(bytes)) {
            throw new InvalidEventException("data", "invalid prediction: a string holds a NUL character (\\u0000), "
                    + "which PostgreSQL cannot store");
        }
        DecodedPrediction fast = FastPredictionReader.read(bytes);
        if (fast != null) {
            validate(fast.prediction());
            validate(fast.timestamp());
            return fast;
        }
        CloudEvent<?> event = EventJson.fromBytes(bytes);
        if (!EventType.PREDICTION.type().equals(event.type())) {
            throw new InvalidEventException("type", "expected a " + EventType.PREDICTION.type() + " event, got " + event.type());
        }
        Prediction p = (Prediction) event.data();
        validate(p);
        DecodedPrediction decoded = new DecodedPrediction(p, p.timestamp() != null ? p.timestamp() : event.time());
        validate(decoded.timestamp());
        return decoded;
    }

    /** The prediction's time is stored with it: it must be one the database can hold. */
    private static void validate(Instant timestamp) {
        require(timestamp != null, "time", "is required");
        require(SqlTimes.storable(timestamp), "data.timestamp",
                "must be between years 0001 and 9999, got " + timestamp);
    }

    private static void validate(Prediction p) {
        require(p.predictionId() != null && !p.predictionId().isBlank(), "data.predictionId", "is required");
        require(p.model() != null && !p.model().isBlank(), "data.model", "is required");
        require(p.version() >= 1, "data.version", "must be a version number from 1, got " + p.version());
        require(p.arm() != null, "data.arm", "must be champion, challenger or shadow");
        require(p.rows() != null && !p.rows().isEmpty(), "data.rows", "must hold at least one row");
        for (int i = 0; i < p.rows().size(); i++) {
            PredictionRow row = p.rows().get(i);
            require(row != null, "data.rows[" + i + "]", "must be an object");
        }
    }

    private static void require(boolean ok, String path, String message) {
        if (!ok) {
            throw new InvalidEventException(path, "invalid prediction: " + path + " " + message);
        }
    }
}
