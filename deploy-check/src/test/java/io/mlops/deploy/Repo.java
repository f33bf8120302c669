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
    /** The CLI module, whose image the trainer Job runs. */
    static final String CLI = "mlops-cli";
    /** Every module with an image: the services and the CLI. */
    static final List<String> IMAGES = List.of("model-registry", "feature-store", "inference-service", "drift-monitor", CLI);
    /** How mlops-cli/pom.xml names its image; {@link #cliImage()} relies on this form. */
    static final String CLI_IMAGE_TEMPLATE =
            "${quarkus.container-image.registry}/${quarkus.container-image.group}/${project.artifactId}:${project.version}";

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

    /** The image Jib builds for a service, or for the CLI: {@code <group>/<name>:<version>}. */
    static String image(String service) {
        if (CLI.equals(service)) {
            return cliImage();
        }
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

    /**
     * The image mlops-cli/pom.xml's Jib profile builds: {@code <group>/mlops-cli:<version>} (its
     * default registry, docker.io, is the one Docker leaves out of image names).
     */
    static String cliImage() {
        String pom = read(root().resolve(CLI).resolve("pom.xml"));
        String template = pomProperty(pom, "cli.image");
        if (!CLI_IMAGE_TEMPLATE.equals(template)) {
            throw new IllegalStateException("mlops-cli/pom.xml names its image " + template + ", not " + CLI_IMAGE_TEMPLATE
                    + "; update Repo.cliImage()");
        }
        if (!"docker.io".equals(pomProperty(pom, "quarkus.container-image.registry"))) {
            throw new IllegalStateException("mlops-cli/pom.xml's default registry is not docker.io");
        }
        return pomProperty(pom, "quarkus.container-image.group") + "/" + CLI + ":" + projectVersion();
    }

    /** A property of a pom's first {@code <properties>} block, as written. */
    static String pomProperty(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">").matcher(pom);
        if (!m.find()) {
            throw new IllegalStateException("no property " + name + " in the pom");
        }
        return m.group(1).trim();
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
