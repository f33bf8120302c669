package io.mlops.bench.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Reads one value out of a service's Prometheus scrape: the sum of the samples of a name that carry every given label. */
public final class Scrape {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Scrape() {
    }

    /** Sum over matching samples, or NaN when none matches. */
    public static double sum(String baseUrl, String name, String... labels) {
        String text = fetch(baseUrl);
        double total = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            String seriesName = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            if (!seriesName.equals(name) || !List.of(labels).stream().allMatch(series::contains)) {
                continue;
            }
            total += Double.parseDouble(line.substring(space + 1));
            found = true;
        }
        return found ? total : Double.NaN;
    }

    /**
     * Cumulative counts of a Prometheus histogram by upper bound ({@code le}), summed over the series
     * that carry every given label; {@code +Inf} is keyed as {@link Double#POSITIVE_INFINITY}.
     */
    public static NavigableMap<Double, Double> buckets(String baseUrl, String name, String... labels) {
        NavigableMap<Double, Double> counts = new TreeMap<>();
        String bucket = name + "_bucket{";
        for (String line : fetch(baseUrl).split("\n")) {
            if (!line.startsWith(bucket) || !List.of(labels).stream().allMatch(line::contains)) {
                continue;
            }
            int le = line.indexOf("le=\"") + 4;
            String bound = line.substring(le, line.indexOf('"', le));
            double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
            counts.merge(upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
        }
        return counts;
    }

    /**
     * The upper bound of the bucket holding quantile {@code q} of what was observed between two
     * {@link #buckets} readings, or NaN when nothing was.
     */
    public static double quantileBetween(NavigableMap<Double, Double> before, NavigableMap<Double, Double> after,
                                         double q) {
        double total = after.isEmpty() ? 0 : after.lastEntry().getValue() - before.getOrDefault(after.lastKey(), 0.0);
        if (total <= 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> e : after.entrySet()) {
            if (e.getValue() - before.getOrDefault(e.getKey(), 0.0) >= q * total) {
                return e.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static String fetch(String baseUrl) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
