package io.mlops.cli.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A host and port to probe. Parsed from the two address formats the configuration uses, so that
 * {@code mlops status} checks the server the services are really told to use, local or not.
 */
public record Endpoint(String host, int port) {

    static final int POSTGRES_DEFAULT_PORT = 5432;

    /** The first broker of a Kafka bootstrap list such as {@code 127.0.0.1:9092,other:9092}. */
    public static Endpoint fromBootstrap(String bootstrap) {
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        if (colon <= 0 || colon == first.length() - 1) {
            throw new IllegalArgumentException("not a host:port bootstrap address: " + bootstrap);
        }
        return new Endpoint(unbracket(first.substring(0, colon)), parsePort(first.substring(colon + 1), bootstrap));
    }

    /** Host and port of a {@code jdbc:postgresql://host[:port]/database} URL (port defaults to 5432). */
    public static Endpoint fromJdbcUrl(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isBlank()) {
            throw new IllegalArgumentException("no host in JDBC URL: " + jdbcUrl);
        }
        String hostPort = authority.split(",")[0];
        int at = hostPort.lastIndexOf('@');
        hostPort = hostPort.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && hostPort.indexOf(']') < colon) {
            return new Endpoint(unbracket(hostPort.substring(0, colon)), parsePort(hostPort.substring(colon + 1), jdbcUrl));
        }
        return new Endpoint(unbracket(hostPort), POSTGRES_DEFAULT_PORT);
    }

    /** Host and port of an {@code http[s]://host[:port]} service URL (port defaults to the scheme's). */
    public static Endpoint fromHttpUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not an http URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http URL with a host: " + url);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Endpoint(unbracket(uri.getHost()), port);
    }

    /** True if the host is this machine's loopback interface, where {@code mlops up} starts servers. */
    public boolean isLoopback() {
        return host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int parsePort(String port, String source) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port '" + port + "' in " + source, e);
        }
    }
}
