package io.mlops.bench.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

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
