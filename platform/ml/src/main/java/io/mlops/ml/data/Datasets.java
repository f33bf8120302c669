package io.mlops.ml.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Data sets by name or path. Built in: {@code credit-g}, the German Credit data (UCI Statlog, 1,000
 * applicants, 7 numeric and 13 categorical attributes, label {@code class} good/bad; CC BY 4.0),
 * taken at build time from the Weka jar on Maven Central.
 */
public final class Datasets {

    /** Built-in data sets: name → (resource, label column, positive label). */
    private static final Map<String, BuiltIn> BUILT_IN = Map.of(
            "credit-g", new BuiltIn("/io/mlops/ml/datasets/credit-g.arff", "class", "bad"));

    private Datasets() {
    }

    /** A built-in data set with the column to predict and the label that counts as positive. */
    public record BuiltIn(String resource, String labelColumn, String positiveLabel) {
    }

    public static boolean isBuiltIn(String name) {
        return BUILT_IN.containsKey(name);
    }

    public static BuiltIn builtIn(String name) {
        BuiltIn builtIn = BUILT_IN.get(name);
        if (builtIn == null) {
            throw new IllegalArgumentException("no built-in data set '" + name + "'; built in: " + BUILT_IN.keySet());
        }
        return builtIn;
    }

    /** A built-in data set by name, or an ARFF file by path. */
    public static Table load(String nameOrPath) {
        if (isBuiltIn(nameOrPath)) {
            return ArffReader.read(nameOrPath, resource(builtIn(nameOrPath).resource()));
        }
        Path path = Path.of(nameOrPath);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("'" + nameOrPath + "' is neither a built-in data set "
                    + BUILT_IN.keySet() + " nor a readable file");
        }
        String file = path.getFileName().toString();
        if (!file.toLowerCase(Locale.ROOT).endsWith(".arff")) {
            throw new IllegalArgumentException("only ARFF files are read: " + path);
        }
        try {
            return ArffReader.read(file.substring(0, file.length() - 5), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = Datasets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the data set resource " + name
                        + " is missing: it is extracted at build time (mvn install)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
