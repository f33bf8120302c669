package io.mlops.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository this module checks: where deploy/ and docs/ are, and what the build says about
 * the services (image group, name, tag and HTTP port as Quarkus and Jib will use them).
 */
final class Repo {

    /** The four services, in the order of docs/api.md. */
    static final List<String> SERVICES = List.of("model-registry", "feature-store", "inference-service", "drift-monitor");

    private static final Pattern PROJECT_VERSION =
            Pattern.compile("<artifactId>mlops-platform</artifactId>\\s*<version>([^<]+)</version>");

    private Repo() {
    }

    /** The repository root: {@code -Dmlops.root}, else the parent of this module's directory. */
    static Path root() {
        String configured = System.getProperty("mlops.root");
        Path root = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        if (!Files.isDirectory(root.resolve("deploy")) || !Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new IllegalStateException("not the repository root (no deploy/ or pom.xml): " + root
                    + "; run from deploy-check/ or pass -Dmlops.root=<repo>");
        }
        return root.toAbsolutePath().normalize();
    }

    static Path deploy() {
        return root().resolve("deploy");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version every module shares (the root pom's), which Jib uses as the image tag. */
    static String projectVersion() {
        Matcher m = PROJECT_VERSION.matcher(read(root().resolve("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("no mlops-platform <version> in the root pom.xml");
        }
        return m.group(1).trim();
    }

    /** Properties every service shares (platform/common's microprofile-config.properties). */
    static Properties commonConfig() {
        return load(root().resolve("platform/common/src/main/resources/META-INF/microprofile-config.properties"));
    }

    static Properties serviceConfig(String service) {
        return load(root().resolve(service).resolve("src/main/resources/application.properties"));
    }

    /** A service's configuration: its own application.properties over the shared defaults. */
    static String config(String service, String key) {
        String own = serviceConfig(service).getProperty(key);
        return own != null ? own : commonConfig().getProperty(key);
    }

    /** The image Jib builds for a service: {@code <group>/<name>:<version>}. */
    static String image(String service) {
        String group = config(service, "quarkus.container-image.group");
        String name = config(service, "quarkus.container-image.name");
        if (name == null) {
            name = config(service, "quarkus.application.name");
        }
        String tag = config(service, "quarkus.container-image.tag");
        if (tag == null) {
            tag = projectVersion();
        }
        return (group == null || group.isBlank() ? "" : group + "/") + name + ":" + tag;
    }

    static int httpPort(String service) {
        return Integer.parseInt(config(service, "quarkus.http.port").trim());
    }

    /** service name to HTTP port, for every service. */
    static Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        SERVICES.forEach(s -> ports.put(s, httpPort(s)));
        return ports;
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return p;
    }
}
