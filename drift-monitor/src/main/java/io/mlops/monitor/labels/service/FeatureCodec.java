package io.mlops.monitor.labels.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.mlops.events.EventJson;
import io.mlops.monitor.db.GrowableBytes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs a prediction row's features for the pending table: each value with a one-byte type tag
 * (so 41 stays an integer and "41" a string), and each name as an index into the version's
 * reference feature list when it is there, inline otherwise. Twenty numeric features take about
 * 200 bytes instead of a kilobyte of JSON, which is most of the cost of keeping every prediction
 * until its label arrives.
 */
public final class FeatureCodec {

    private static final byte WITH_DICTIONARY = 1;
    private static final byte INLINE_NAMES = 2;
    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte STRING = 3;
    private static final byte TRUE = 4;
    private static final byte FALSE = 5;
    private static final byte JSON = 6;

    private FeatureCodec() {
    }

    /**
     * @param dictionary the version's reference feature names, or {@code null} when unknown; the
     *     same list must be given to {@link #toJson}
     */
    public static byte[] encode(Map<String, Object> features, List<String> dictionary, Map<String, Integer> index) {
        GrowableBytes out = new GrowableBytes(16 + features.size() * 12);
        out.put(dictionary == null ? INLINE_NAMES : WITH_DICTIONARY);
        varint(out, features.size());
        for (Map.Entry<String, Object> e : features.entrySet()) {
            Integer position = index == null ? null : index.get(e.getKey());
            if (position != null) {
                varint(out, position + 1);
            } else {
                varint(out, 0);
                text(out, e.getKey());
            }
            Object v = e.getValue();
            if (v == null) {
                out.put(NULL);
            } else if (v instanceof Long || v instanceof Integer) {
                out.put(LONG);
                out.putLong(((Number) v).longValue());
            } else if (v instanceof Double d) {
                out.put(DOUBLE);
                out.putLong(Double.doubleToRawLongBits(d));
            } else if (v instanceof String str) {
                out.put(STRING);
                text(out, str);
            } else if (v instanceof Boolean b) {
                out.put(b ? TRUE : FALSE);
            } else {
                out.put(JSON);
                text(out, json(v));
            }
        }
        return out.toArray();
    }

    /** The name-to-position index of a dictionary, built once per version. */
    public static Map<String, Integer> index(List<String> dictionary) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < dictionary.size(); i++) {
            index.put(dictionary.get(i), i);
        }
        return index;
    }

    /** The features as a JSON object. Bytes that start with '{' are JSON already and are returned as they are. */
    public static String toJson(byte[] packed, List<String> dictionary) {
        if (packed == null) {
            return null;
        }
        if (packed.length > 0 && packed[0] == '{') {
            return new String(packed, StandardCharsets.UTF_8);
        }
        ByteBuffer in = ByteBuffer.wrap(packed);
        byte format = in.get();
        if (format == WITH_DICTIONARY && dictionary == null) {
            throw new IllegalStateException("features were packed against a reference the version no longer has");
        }
        StringWriter text = new StringWriter(packed.length * 3);
        try (JsonGenerator json = EventJson.mapper().getFactory().createGenerator(text)) {
            json.writeStartObject();
            int n = varint(in);
            for (int i = 0; i < n; i++) {
                int ref = varint(in);
                json.writeFieldName(ref == 0 ? text(in) : dictionary.get(ref - 1));
                byte tag = in.get();
                switch (tag) {
                    case NULL -> json.writeNull();
                    case LONG -> json.writeNumber(in.getLong());
                    case DOUBLE -> json.writeNumber(in.getDouble());
                    case STRING -> json.writeString(text(in));
                    case TRUE -> json.writeBoolean(true);
                    case FALSE -> json.writeBoolean(false);
                    case JSON -> json.writeRawValue(text(in));
                    default -> throw new IllegalStateException("unknown feature tag " + tag);
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String text(ByteBuffer in) {
        int n = varint(in);
        String s = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return s;
    }

    private static int varint(ByteBuffer in) {
        int shift = 0;
        int result = 0;
        while (true) {
            byte b = in.get();
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }

    private static void varint(GrowableBytes out, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    private static void text(GrowableBytes out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(out, b.length);
        out.put(b);
    }

    private static String json(Object v) {
        try {
            return EventJson.mapper().writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
