package io.mlops.inference.oip.service;

import io.mlops.events.registry.Datatype;
import io.mlops.inference.error.InferenceErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The values of one input's {@code data} as the parser meets them, before the datatype (which
 * JSON may put after {@code data}) says what they must be. Numbers keep their exact integer value
 * when they were written as integers, so INT64 ids beyond 2^53 survive.
 */
final class RawValues {

    private double[] doubles = new double[16];
    private long[] longs = new long[16];
    private List<String> strings;
    private int size;
    private int firstFraction = -1;
    private int firstNonFinite = -1;
    private int firstNumber = -1;
    private int firstBool = -1;
    private int firstString = -1;

    void addInteger(long value) {
        grow();
        mark(Kind.NUMBER);
        longs[size] = value;
        doubles[size++] = value;
    }

    void addFloat(double value) {
        grow();
        mark(Kind.NUMBER);
        if (firstFraction < 0) {
            firstFraction = size;
        }
        if (firstNonFinite < 0 && !Double.isFinite(value)) {
            firstNonFinite = size;
        }
        doubles[size++] = value;
    }

    void addBool(boolean value) {
        grow();
        mark(Kind.BOOL);
        longs[size] = value ? 1 : 0;
        doubles[size++] = value ? 1 : 0;
    }

    void addString(String value) {
        grow();
        mark(Kind.STRING);
        if (strings == null) {
            strings = new ArrayList<>();
        }
        strings.add(value);
        size++;
    }

    int size() {
        return size;
    }

    /** The values as the primitive array {@code datatype} needs; 400 naming the input when they do not fit. */
    Object toArray(Datatype datatype, String input, String path) {
        switch (datatype) {
            case FP32 -> {
                requireOnly(Kind.NUMBER, datatype, input, path);
                requireFinite(input, path);
                float[] out = new float[size];
                for (int i = 0; i < size; i++) {
                    double v = doubles[i];
                    if (Math.abs(v) > Float.MAX_VALUE) {
                        throw InferenceErrors.invalidInput(path, "input '" + input + "' element " + i + " (" + v
                                + ") is out of FP32 range");
                    }
                    out[i] = (float) v;
                }
                return out;
            }
            case FP64 -> {
                requireOnly(Kind.NUMBER, datatype, input, path);
                requireFinite(input, path);
                return Arrays.copyOf(doubles, size);
            }
            case INT64 -> {
                requireIntegers(datatype, input, path);
                return Arrays.copyOf(longs, size);
            }
            case INT32 -> {
                requireIntegers(datatype, input, path);
                int[] out = new int[size];
                for (int i = 0; i < size; i++) {
                    out[i] = (int) inRange(i, Integer.MIN_VALUE, Integer.MAX_VALUE, datatype, input, path);
                }
                return out;
            }
            case INT16 -> {
                requireIntegers(datatype, input, path);
                short[] out = new short[size];
                for (int i = 0; i < size; i++) {
                    out[i] = (short) inRange(i, Short.MIN_VALUE, Short.MAX_VALUE, datatype, input, path);
                }
                return out;
            }
            case INT8, UINT8 -> {
                requireIntegers(datatype, input, path);
                byte[] out = new byte[size];
                long min = datatype == Datatype.INT8 ? Byte.MIN_VALUE : 0;
                long max = datatype == Datatype.INT8 ? Byte.MAX_VALUE : 255;
                for (int i = 0; i < size; i++) {
                    out[i] = (byte) inRange(i, min, max, datatype, input, path);
                }
                return out;
            }
            case BOOL -> {
                requireOnly(Kind.BOOL, datatype, input, path);
                boolean[] out = new boolean[size];
                for (int i = 0; i < size; i++) {
                    out[i] = longs[i] != 0;
                }
                return out;
            }
            case BYTES -> {
                requireOnly(Kind.STRING, datatype, input, path);
                return strings == null ? new String[0] : strings.toArray(new String[0]);
            }
            default -> throw InferenceErrors.invalidInput(path.replace(".data", ".datatype"),
                    "input '" + input + "' has datatype " + datatype + ", which this server does not accept");
        }
    }

    private enum Kind { NUMBER, BOOL, STRING }

    private void mark(Kind kind) {
        int index = size;
        switch (kind) {
            case NUMBER -> firstNumber = firstNumber < 0 ? index : firstNumber;
            case BOOL -> firstBool = firstBool < 0 ? index : firstBool;
            case STRING -> firstString = firstString < 0 ? index : firstString;
            default -> throw new IllegalStateException();
        }
    }

    private void requireOnly(Kind kind, Datatype datatype, String input, String path) {
        int offending = -1;
        String what = null;
        if (kind != Kind.NUMBER && firstNumber >= 0) {
            offending = firstNumber;
            what = "a number";
        } else if (kind != Kind.BOOL && firstBool >= 0) {
            offending = firstBool;
            what = "a boolean";
        } else if (kind != Kind.STRING && firstString >= 0) {
            offending = firstString;
            what = "a string";
        }
        if (offending >= 0) {
            throw InferenceErrors.invalidInput(path, "input '" + input + "' is " + datatype + " but element "
                    + offending + " is " + what);
        }
    }

    private void requireFinite(String input, String path) {
        if (firstNonFinite >= 0) {
            throw InferenceErrors.invalidInput(path, "input '" + input + "' element " + firstNonFinite + " is "
                    + doubles[firstNonFinite] + "; only finite numbers are accepted");
        }
    }

    private void requireIntegers(Datatype datatype, String input, String path) {
        requireOnly(Kind.NUMBER, datatype, input, path);
        if (firstFraction >= 0) {
            throw InferenceErrors.invalidInput(path, "input '" + input + "' is " + datatype + " but element "
                    + firstFraction + " (" + doubles[firstFraction] + ") is not an integer");
        }
    }

    private long inRange(int i, long min, long max, Datatype datatype, String input, String path) {
        long v = longs[i];
        if (v < min || v > max) {
            throw InferenceErrors.invalidInput(path, "input '" + input + "' element " + i + " (" + v
                    + ") is out of " + datatype + " range");
        }
        return v;
    }

    private void grow() {
        if (size == doubles.length) {
            doubles = Arrays.copyOf(doubles, size * 2);
            longs = Arrays.copyOf(longs, size * 2);
        }
    }
}
