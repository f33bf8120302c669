package io.mlops.inference.oip.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.events.registry.Datatype;
import io.mlops.inference.error.InferenceErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an Open Inference Protocol request body in one streaming pass, straight into primitive
 * arrays: no tree, no boxed numbers, no second parse. Tensor data may be flat or nested (the
 * protocol allows both) and is flattened row-major. NaN and Infinity are read so that they can be
 * refused with a message naming the input, rather than as a bare syntax error.
 */
public final class InferRequestReader {

    // Tensor data is mostly floating point: Jackson's fast parser reads the same values faster.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final ObjectMapper TREES = new ObjectMapper(FACTORY);
    private static final int MAX_NESTING = 32;

    private final long maxElements;

    /** @param maxElements most tensor elements (over all inputs) one request may carry; past it, 413 while parsing */
    public InferRequestReader(long maxElements) {
        this.maxElements = maxElements;
    }

    /** Throws a Jackson exception for malformed JSON (400 MALFORMED_REQUEST), or 400 INVALID_INPUT naming the field. */
    public InferRequest read(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            throw InferenceErrors.malformed("$", "A JSON body is required: {\"inputs\":[{\"name\",\"shape\",\"datatype\",\"data\"}]}");
        }
        try (JsonParser p = TREES.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw InferenceErrors.malformed("$", "The body must be a JSON object");
            }
            Budget budget = new Budget(maxElements);
            String id = null;
            JsonNode parameters = null;
            List<InferInput> inputs = null;
            List<String> outputs = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> id = scalarText(p, value, "id");
                    case "parameters" -> parameters = value == JsonToken.START_OBJECT ? tree(p, budget)
                            : skipNull(p, value, "parameters");
                    case "inputs" -> inputs = inputs(p, value, budget);
                    case "outputs" -> outputs = outputs(p, value);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw InferenceErrors.malformed("$", "Unexpected content after the JSON object");
            }
            if (inputs == null || inputs.isEmpty()) {
                throw InferenceErrors.invalidInput("inputs", "At least one input is required");
            }
            return new InferRequest(id, parameters, inputs, outputs);
        }
    }

    private static List<InferInput> inputs(JsonParser p, JsonToken token, Budget budget) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw InferenceErrors.malformed("inputs", "inputs must be an array of tensors");
        }
        List<InferInput> inputs = new ArrayList<>(2);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            int index = inputs.size();
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw InferenceErrors.malformed("inputs[" + index + "]", "each input must be an object");
            }
            inputs.add(input(p, index, budget));
        }
        return inputs;
    }

    private static InferInput input(JsonParser p, int index, Budget budget) throws IOException {
        String path = "inputs[" + index + "]";
        String name = null;
        long[] shape = null;
        String datatype = null;
        RawValues data = null;
        Nesting nesting = null;
        boolean binary = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "name" -> name = text(p, value, path + ".name");
                case "shape" -> shape = shape(p, value, path + ".shape");
                case "datatype" -> datatype = text(p, value, path + ".datatype");
                case "data" -> {
                    data = new RawValues();
                    if (value != JsonToken.START_ARRAY) {
                        throw InferenceErrors.invalidInput(path + ".data", "data must be an array (flat or nested)");
                    }
                    nesting = new Nesting();
                    readArray(p, data, nesting, path + ".data", 1, budget);
                }
                case "parameters" -> {
                    if (value == JsonToken.START_OBJECT) {
                        binary = tree(p, budget).has("binary_data_size");
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        String label = name == null ? path : "'" + name + "'";
        if (name == null || name.isBlank()) {
            throw InferenceErrors.invalidInput(path + ".name", "Input " + index + " has no name");
        }
        if (shape == null) {
            throw InferenceErrors.invalidInput(path + ".shape", "Input " + label + " has no shape");
        }
        if (datatype == null) {
            throw InferenceErrors.invalidInput(path + ".datatype", "Input " + label + " has no datatype");
        }
        if (data == null && binary) {
            throw InferenceErrors.binaryDataUnsupported();
        }
        if (data == null) {
            throw InferenceErrors.invalidInput(path + ".data", "Input " + label + " has no data");
        }
        Datatype type = datatype(datatype, name, path + ".datatype");
        long expected = 1;
        for (long d : shape) {
            expected = d > 0 && expected > Integer.MAX_VALUE / d ? Long.MAX_VALUE : expected * d;
        }
        nesting.requireMatches(shape, name, path + ".data");
        if (expected != data.size()) {
            throw InferenceErrors.invalidInput(path + ".data", "Input '" + name + "' has " + data.size()
                    + " values but shape " + java.util.Arrays.toString(shape) + " needs "
                    + (expected == Long.MAX_VALUE ? "more than " + Integer.MAX_VALUE : Long.toString(expected)));
        }
        Object array = data.toArray(type, name, path + ".data");
        return new InferInput(index, name, shape, type, array, data.size());
    }

    private static void readArray(JsonParser p, RawValues out, Nesting nesting, String path, int depth, Budget budget)
            throws IOException {
        if (depth > MAX_NESTING) {
            throw InferenceErrors.invalidInput(path, path + " is nested deeper than " + MAX_NESTING + " levels");
        }
        JsonToken t;
        int length = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            length++;
            if (t != JsonToken.START_ARRAY) {
                nesting.leafAt(depth);
                budget.take();
            }
            switch (t) {
                case START_ARRAY -> readArray(p, out, nesting, path, depth + 1, budget);
                case VALUE_NUMBER_INT -> {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        // JavaScript and Go write doubles from 2^63 to 1e21 without a point.
                        out.addHugeInteger(p.getDoubleValue());
                    } else {
                        out.addInteger(p.getLongValue());
                    }
                }
                case VALUE_NUMBER_FLOAT -> out.addFloat(p.getDoubleValue());
                case VALUE_TRUE -> out.addBool(true);
                case VALUE_FALSE -> out.addBool(false);
                case VALUE_STRING -> out.addString(p.getText());
                case VALUE_NULL -> throw InferenceErrors.invalidInput(path, path + ": element " + out.size() + " is null");
                default -> throw InferenceErrors.invalidInput(path, path + ": element " + out.size()
                        + " is an object; data holds numbers, booleans or strings");
            }
        }
        nesting.lengthAt(depth, length);
    }

    /**
     * A {@code parameters} object as a tree, each of its values counted against the budget like a
     * tensor element: a tree holds many times its text, so it must not escape the bound.
     */
    private static ObjectNode tree(JsonParser p, Budget budget) throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            node.set(field, treeValue(p, p.nextToken(), budget));
        }
        return node;
    }

    private static JsonNode treeValue(JsonParser p, JsonToken token, Budget budget) throws IOException {
        budget.take();
        return switch (token) {
            case START_OBJECT -> tree(p, budget);
            case START_ARRAY -> {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(treeValue(p, t, budget));
                }
                yield array;
            }
            case VALUE_STRING -> JsonNodeFactory.instance.textNode(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonNodeFactory.instance.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> JsonNodeFactory.instance.booleanNode(true);
            case VALUE_FALSE -> JsonNodeFactory.instance.booleanNode(false);
            default -> JsonNodeFactory.instance.nullNode();
        };
    }

    /** The tensor elements a request may still carry, counted as they are read so an oversized one stops early. */
    private static final class Budget {
        private final long max;
        private long left;

        Budget(long max) {
            this.max = max;
            this.left = max;
        }

        void take() {
            if (--left < 0) {
                throw InferenceErrors.tooLarge("The request carries more than " + max + " values (tensor elements and "
                        + "parameters), the most one request may hold (mlops.inference.limits.max-elements); send "
                        + "fewer rows per request");
            }
        }
    }

    /**
     * The structure of nested {@code data}: the spec allows the tensor's natural nesting or a flat
     * row-major list. Nested data must have the shape's rank and its lengths, or values would move
     * silently between rows that only a total count checks.
     */
    private static final class Nesting {
        private final long[] lengths = new long[MAX_NESTING + 2];
        private int leafDepth = -1;
        private boolean ragged;

        void leafAt(int depth) {
            if (leafDepth == -1) {
                leafDepth = depth;
            } else if (leafDepth != depth) {
                ragged = true;
            }
        }

        void lengthAt(int depth, int length) {
            if (lengths[depth] == 0 && length > 0) {
                lengths[depth] = length;
            } else if (lengths[depth] != length) {
                ragged = true;
            }
        }

        void requireMatches(long[] shape, String input, String path) {
            if (leafDepth <= 1 && !ragged) {
                return; // flat, or no values at all: the count check decides
            }
            boolean matches = !ragged && leafDepth == shape.length;
            for (int d = 0; matches && d < shape.length; d++) {
                matches = lengths[d + 1] == shape[d];
            }
            if (!matches) {
                throw InferenceErrors.invalidInput(path, "Input '" + input + "' has nested data that is not of shape "
                        + java.util.Arrays.toString(shape) + "; send it nested exactly as the shape, or flat in row-major order");
            }
        }
    }

    private static long[] shape(JsonParser p, JsonToken token, String path) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw InferenceErrors.invalidInput(path, "shape must be an array of non-negative integers");
        }
        long[] dims = new long[4];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
                throw InferenceErrors.invalidInput(path, "shape must be an array of non-negative integers");
            }
            if (n == dims.length) {
                if (n >= 16) {
                    throw InferenceErrors.invalidInput(path, "shape has more than 16 dimensions");
                }
                dims = java.util.Arrays.copyOf(dims, n * 2);
            }
            dims[n++] = p.getLongValue();
        }
        return java.util.Arrays.copyOf(dims, n);
    }

    private static List<String> outputs(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw InferenceErrors.malformed("outputs", "outputs must be an array of {\"name\": ...}");
        }
        List<String> names = new ArrayList<>(2);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String path = "outputs[" + names.size() + "]";
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw InferenceErrors.malformed(path, "each requested output must be an object with a name");
            }
            String name = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("name")) {
                    name = text(p, value, path + ".name");
                } else {
                    p.skipChildren();
                }
            }
            if (name == null) {
                throw InferenceErrors.invalidInput(path + ".name", "Requested output " + names.size() + " has no name");
            }
            names.add(name);
        }
        // "outputs": [] names no output, which is not specifying any: all of them, as when absent.
        return names.isEmpty() ? null : names;
    }

    private static Datatype datatype(String text, String input, String path) {
        try {
            return Datatype.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw InferenceErrors.invalidInput(path, "Input '" + input + "' has datatype '" + text
                    + "', which is not an Open Inference Protocol datatype (FP32, FP64, INT64, INT32, BOOL, BYTES, ...)");
        }
    }

    private static String text(JsonParser p, JsonToken token, String path) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw InferenceErrors.invalidInput(path, path + " must be a string");
        }
        return p.getText();
    }

    private static String scalarText(JsonParser p, JsonToken token, String path) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        throw InferenceErrors.invalidInput(path, path + " must be a string");
    }

    private static JsonNode skipNull(JsonParser p, JsonToken token, String path) throws IOException {
        if (token != JsonToken.VALUE_NULL) {
            throw InferenceErrors.malformed(path, path + " must be an object");
        }
        return null;
    }
}
