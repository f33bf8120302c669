package io.mlops.inference.oip.service;

import io.mlops.events.registry.Datatype;
import io.mlops.inference.error.InferenceErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The values of one input's {@code data} as the parser meets them, before the datatype (which
 * JSON may put after {@code data}) says what they must be. Numbers keep their exact integer value
 * when they were written as integers, so INT64 ids beyond 2^53 survive. Each number takes one
 * long (an integer as itself, any other number as its double's bits, told apart by a bit set), and
 * strings only their list, so what a request holds while parsed stays a small multiple of its body.
 */
final class RawValues {

    private long[] numbers = new long[16];
    /** Which of {@link #numbers} hold a double's bits rather than an integer. */
    private final BitSet doubles = new BitSet();
    private List<String> strings;
    private int size;
    private int firstFraction = -1;
    private int firstHugeInteger = -1;
    private int firstNonFinite = -1;
    private int firstNumber = -1;
    private int firstBool = -1;
    private int firstString = -1;

    void addInteger(long value) {
        mark(Kind.NUMBER);
        put(value);
    }

    /** An integer written in JSON beyond 64 bits: a valid FP32/FP64 value, never an integer datatype's. */
    void addHugeInteger(double value) {
        mark(Kind.NUMBER);
        if (firstHugeInteger < 0) {
            firstHugeInteger = size;
        }
        putDouble(value); // 309 digits and more: Infinity, beyond every double
    }

    void addFloat(double value) {
        mark(Kind.NUMBER);
        if (firstFraction < 0) {
            firstFraction = size;
        }
        putDouble(value);
    }

    void addBool(boolean value) {
        mark(Kind.BOOL);
        put(value ? 1 : 0);
    }

    void addString(String value) {
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
                    double v = doubleAt(i);
                    // Rounded as written, so FP32's largest value printed in decimal still reads back.
                    out[i] = (float) v;
                    if (Float.isInfinite(out[i])) {
                        throw InferenceErrors.invalidInput(path, "input '" + input + "' element " + i + " (" + v
                                + ") is out of FP32 range");
                    }
                }
                return out;
            }
            case FP64 -> {
                requireOnly(Kind.NUMBER, datatype, input, path);
                requireFinite(input, path);
                double[] out = new double[size];
                for (int i = 0; i < size; i++) {
                    out[i] = doubleAt(i);
                }
                return out;
            }
            case INT64 -> {
                requireIntegers(datatype, input, path);
                return Arrays.copyOf(numbers, size);
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
                    out[i] = numbers[i] != 0;
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
                    + doubleAt(firstNonFinite) + "; only finite numbers are accepted");
        }
    }

    private void requireIntegers(Datatype datatype, String input, String path) {
        requireOnly(Kind.NUMBER, datatype, input, path);
        if (firstHugeInteger >= 0 && (firstFraction < 0 || firstHugeInteger < firstFraction)) {
            throw InferenceErrors.invalidInput(path, "input '" + input + "' is " + datatype + " but element "
                    + firstHugeInteger + " (" + doubleAt(firstHugeInteger) + ") does not fit in 64 bits");
        }
        if (firstFraction >= 0) {
            throw InferenceErrors.invalidInput(path, "input '" + input + "' is " + datatype + " but element "
                    + firstFraction + " (" + doubleAt(firstFraction) + ") is not an integer");
        }
    }

    private long inRange(int i, long min, long max, Datatype datatype, String input, String path) {
        long v = numbers[i];
        if (v < min || v > max) {
            throw InferenceErrors.invalidInput(path, "input '" + input + "' element " + i + " (" + v
                    + ") is out of " + datatype + " range");
        }
        return v;
    }

    private double doubleAt(int i) {
        return doubles.get(i) ? Double.longBitsToDouble(numbers[i]) : numbers[i];
    }

    private void putDouble(double value) {
        if (firstNonFinite < 0 && !Double.isFinite(value)) {
            firstNonFinite = size;
        }
        doubles.set(size);
        put(Double.doubleToRawLongBits(value));
    }

    /**
     * Stores a number or a boolean at its element's index. A string takes no slot: mixing strings
     * with numbers is refused whatever the datatype, so the slots of a list holding a string are
     * never read.
     */
    private void put(long value) {
        if (size >= numbers.length) {
            numbers = Arrays.copyOf(numbers, Math.max(size + 1, numbers.length * 2));
        }
        numbers[size++] = value;
    }
}
