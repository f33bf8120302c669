package io.mlops.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images Jib pushed to a registry (deploy/check.sh: a local registry on 127.0.0.1), read back
 * over the registry HTTP API: one repository per image with the expected tag; for a service an
 * entrypoint that runs quarkus-run.jar from the working directory where the image really has it and
 * the service's port; for the CLI an entrypoint {@code java -jar} of a jar whose manifest names the
 * CLI's main class and a class path that is all in the image; a non-root user, the OCI labels, and
 * a Java runtime with every module the jars need.
 *
 * <p>Enabled by {@code -Ddeploy.check.registry=host:port}; {@code -Ddeploy.check.services=a,b}
 * names the images built (default: the four services and mlops-cli),
 * {@code -Ddeploy.check.revision=<git sha>} the expected revision label.
 */
@EnabledIfSystemProperty(named = "deploy.check.registry", matches = ".+")
class ImagesTest {

    private static final String MANIFEST_TYPES = String.join(", ",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json");
    /** Label the offline base image (deploy/images/jre-base-image.sh) carries: its jlink modules. */
    private static final String BASE_MODULES_LABEL = "io.mlops.base.java-modules";
    /**
     * Modules jdeps finds but the services never load: vertx-codegen's annotation processor
     * (compile time only) needs the compiler.
     */
    private static final Set<String> NOT_NEEDED_AT_RUN_TIME = Set.of("jdk.compiler");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static String registry;
    private static List<String> services;
    private static final Map<String, Image> IMAGES = new LinkedHashMap<>();

    @TempDir
    static Path jars;

    /** What a test needs to know of one pushed image; manifest: that of the jar its entrypoint runs with -jar, if any. */
    record Image(String service, String reference, JsonNode config, Set<String> files, java.util.jar.Manifest manifest) {
    }

    @BeforeAll
    static void pull() throws Exception {
        registry = "http://" + System.getProperty("deploy.check.registry");
        String list = System.getProperty("deploy.check.services", "");
        services = list.isBlank() ? Repo.IMAGES : Arrays.stream(list.split(",")).map(String::trim).collect(Collectors.toList());
        for (String service : services) {
            String[] image = Repo.image(service).split(":");
            JsonNode manifest = get("/v2/" + image[0] + "/manifests/" + image[1]);
            assertEquals(2, manifest.path("schemaVersion").asInt(), service + ": manifest schema");
            JsonNode config = get("/v2/" + image[0] + "/blobs/" + manifest.path("config").path("digest").asText());
            assertFalse(manifest.path("layers").isEmpty(), service + ": no layers");
            Set<String> files = new TreeSet<>();
            Path jarDir = Files.createDirectories(jars.resolve(service));
            String entryJar = entryJar(config.path("config"));
            java.util.jar.Manifest[] entryManifest = new java.util.jar.Manifest[1];
            for (JsonNode layer : manifest.path("layers")) {
                files.addAll(readLayer(image[0], layer, jarDir, (path, content) -> {
                    if (path.equals(entryJar)) {
                        try (java.util.jar.JarInputStream jar = new java.util.jar.JarInputStream(new java.io.ByteArrayInputStream(content))) {
                            entryManifest[0] = jar.getManifest();
                        }
                    }
                }));
            }
            IMAGES.put(service, new Image(service, Repo.image(service), config, files, entryManifest[0]));
        }
    }

    /** The jar an entrypoint runs with {@code java -jar <jar>}, as a path in the image without the leading slash. */
    private static String entryJar(JsonNode config) {
        List<String> command = command(config);
        int at = command.indexOf("-jar");
        if (at < 0 || at + 1 >= command.size()) {
            return null;
        }
        String jar = command.get(at + 1);
        String workDir = config.path("WorkingDir").asText("/");
        return (jar.startsWith("/") ? jar : workDir.replaceAll("/$", "") + "/" + jar).replaceFirst("^/", "");
    }

    @Test
    void theRegistryHoldsOneRepositoryPerServiceWithTheProjectVersionAsTag() throws Exception {
        Set<String> repositories = new TreeSet<>();
        get("/v2/_catalog").path("repositories").forEach(r -> repositories.add(r.asText()));
        Set<String> expected = services.stream().map(s -> Repo.image(s).replaceFirst(":[^:/]+$", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, repositories, "repositories in " + registry);
        for (String service : services) {
            String[] image = Repo.image(service).split(":");
            Set<String> tags = new TreeSet<>();
            get("/v2/" + image[0] + "/tags/list").path("tags").forEach(t -> tags.add(t.asText()));
            assertTrue(tags.contains(image[1]), service + ": tags " + tags + " lack " + image[1]);
        }
    }

    @Test
    void everyServiceImageRunsQuarkusRunJarAsNonRootOnTheServicePort() {
        List<String> problems = new ArrayList<>();
        for (Image image : IMAGES.values()) {
            if (!Repo.SERVICES.contains(image.service())) {
                continue;
            }
            JsonNode c = image.config().path("config");
            String where = image.service() + " (" + image.reference() + ")";
            List<String> command = command(c);
            if (command.stream().noneMatch(a -> a.equals("quarkus-run.jar") || a.endsWith("/quarkus-run.jar"))) {
                problems.add(where + ": entrypoint/cmd " + command + " does not run quarkus-run.jar");
            }
            String port = Repo.httpPort(image.service()) + "/tcp";
            if (!c.path("ExposedPorts").has(port)) {
                problems.add(where + ": exposes " + c.path("ExposedPorts") + ", not " + port);
            }
            String user = c.path("User").asText("");
            if (user.isEmpty() || user.equals("0") || user.startsWith("root") || user.startsWith("0:")) {
                problems.add(where + ": runs as root (User '" + user + "')");
            }
            if (!"linux".equals(image.config().path("os").asText())) {
                problems.add(where + ": os " + image.config().path("os").asText());
            }
            // The jar the entrypoint names is in the image, where the entrypoint looks for it,
            // with the fast-jar layout around it.
            String workDir = c.path("WorkingDir").asText("/");
            String jar = command.stream().filter(a -> a.endsWith("quarkus-run.jar")).findFirst().orElse("quarkus-run.jar");
            String jarPath = (jar.startsWith("/") ? jar : workDir.replaceAll("/$", "") + "/" + jar).replaceFirst("^/", "");
            if (!image.files().contains(jarPath)) {
                problems.add(where + ": " + jarPath + " is not in the image");
            }
            String dir = jarPath.substring(0, jarPath.lastIndexOf('/') + 1);
            if (image.files().stream().noneMatch(f -> f.startsWith(dir + "lib/main/") && f.endsWith(".jar"))) {
                problems.add(where + ": no dependencies under " + dir + "lib/main/");
            }
            if (!image.files().contains(dir + "quarkus/quarkus-application.dat")) {
                problems.add(where + ": no " + dir + "quarkus/quarkus-application.dat");
            }
        }
        ManifestsTest.assertNoProblems(problems);
    }

    @Test
    void theCliImageRunsTheCliFromAJarWhoseManifestClassPathIsInTheImage() throws IOException {
        Image image = IMAGES.get(Repo.CLI);
        Assumptions.assumeTrue(image != null, "the CLI image is not among the images checked");
        JsonNode c = image.config().path("config");
        String where = Repo.CLI + " (" + image.reference() + ")";
        List<String> problems = new ArrayList<>();
        List<String> command = command(c);
        String jar = entryJar(c);
        if (command.size() < 3 || !command.get(0).matches("(.*/)?java") || jar == null) {
            problems.add(where + ": entrypoint/cmd " + command + " is not `java ... -jar <jar>`");
        } else if (String.join(" ", command).length() > 1024) {
            problems.add(where + ": a long command line (ONNX Runtime crashes on those): " + command);
        }
        String user = c.path("User").asText("");
        if (user.isEmpty() || user.equals("0") || user.startsWith("root") || user.startsWith("0:")) {
            problems.add(where + ": runs as root (User '" + user + "')");
        }
        List<String> env = new ArrayList<>();
        c.path("Env").forEach(e -> env.add(e.asText()));
        if (!env.contains("ORT_DISABLE_TELEMETRY=1")) {
            problems.add(where + ": no ORT_DISABLE_TELEMETRY=1 in " + env + " (ONNX Runtime's telemetry crashes without /etc/machine-id)");
        }
        if (jar != null && !image.files().contains(jar)) {
            problems.add(where + ": " + jar + " is not in the image");
        }
        java.util.jar.Manifest manifest = image.manifest();
        if (jar != null && manifest == null) {
            problems.add(where + ": " + jar + " has no manifest");
        }
        if (manifest != null) {
            java.util.jar.Attributes main = manifest.getMainAttributes();
            if (!"io.mlops.cli.MlopsCommand".equals(main.getValue("Main-Class"))) {
                problems.add(where + ": Main-Class " + main.getValue("Main-Class") + ", not io.mlops.cli.MlopsCommand");
            }
            String dir = jar.contains("/") ? jar.substring(0, jar.lastIndexOf('/') + 1) : "";
            String classPath = main.getValue("Class-Path");
            List<String> entries = classPath == null ? List.of() : Arrays.asList(classPath.trim().split("\\s+"));
            if (entries.size() < 10) {
                problems.add(where + ": Class-Path of " + jar + " names only " + entries);
            }
            for (String entry : entries) {
                String path = java.nio.file.Path.of(dir + entry).normalize().toString();
                boolean present = entry.endsWith("/") ? image.files().stream().anyMatch(f -> f.startsWith(path + "/"))
                        : image.files().contains(path);
                if (!present) {
                    problems.add(where + ": Class-Path entry " + entry + " of " + jar + " is not in the image (" + path + ")");
                }
            }
        }
        // The CLI's classes and the built-in data set `mlops train` reads are on that class path.
        Path jarDir = jars.resolve(Repo.CLI);
        for (String resource : List.of("io/mlops/cli/MlopsCommand.class", "io/mlops/ml/datasets/credit-g.arff")) {
            if (!anyJarHas(jarDir, resource)) {
                problems.add(where + ": no jar in the image has " + resource);
            }
        }
        ManifestsTest.assertNoProblems(problems);
    }

    private static boolean anyJarHas(Path dir, String entry) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(f.toFile())) {
                    if (zip.getEntry(entry) != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void everyImageCarriesTheOciLabels() {
        List<String> problems = new ArrayList<>();
        String revision = System.getProperty("deploy.check.revision", "");
        for (Image image : IMAGES.values()) {
            JsonNode labels = image.config().path("config").path("Labels");
            expectLabel(image, labels, "org.opencontainers.image.title", image.service(), problems);
            expectLabel(image, labels, "org.opencontainers.image.version", Repo.projectVersion(), problems);
            if (!revision.isBlank()) {
                expectLabel(image, labels, "org.opencontainers.image.revision", revision, problems);
            }
        }
        ManifestsTest.assertNoProblems(problems);
    }

    @Test
    void theJavaRuntimeOfTheBaseImageHasEveryModuleTheJarsNeed() {
        Map<String, Set<String>> runtimeModules = new LinkedHashMap<>();
        IMAGES.values().forEach(image -> {
            String label = image.config().path("config").path("Labels").path(BASE_MODULES_LABEL).asText("");
            if (!label.isBlank()) {
                runtimeModules.put(image.service(), Set.of(label.split(",")));
            }
        });
        Assumptions.assumeFalse(runtimeModules.isEmpty(),
                "no image is built on the jlink base image (label " + BASE_MODULES_LABEL + "): nothing to compare");
        // One jdeps run over the jars of every image on the same runtime (jdeps is slow to start).
        Map<Set<String>, List<String>> byRuntime = new LinkedHashMap<>();
        runtimeModules.forEach((service, modules) -> byRuntime.computeIfAbsent(modules, m -> new ArrayList<>()).add(service));
        List<String> problems = new ArrayList<>();
        byRuntime.forEach((modules, imageServices) -> {
            Set<String> needed = jdepsModules(imageServices.stream().map(jars::resolve).collect(Collectors.toList()));
            needed.removeAll(NOT_NEEDED_AT_RUN_TIME);
            Set<String> missing = new TreeSet<>(needed);
            missing.removeAll(modules);
            if (!missing.isEmpty()) {
                problems.add(imageServices + ": their jars need " + missing + ", which the base image's runtime lacks");
            }
        });
        ManifestsTest.assertNoProblems(problems);
    }

    private static List<String> command(JsonNode config) {
        List<String> command = new ArrayList<>();
        config.path("Entrypoint").forEach(a -> command.add(a.asText()));
        config.path("Cmd").forEach(a -> command.add(a.asText()));
        return command;
    }

    /** jdeps --print-module-deps over the jars of some directories (each jar name once). */
    private static Set<String> jdepsModules(List<Path> dirs) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        List<String> args = new ArrayList<>(List.of("--multi-release", "17", "--ignore-missing-deps", "--print-module-deps", "-q"));
        Map<String, Path> unique = new java.util.TreeMap<>();
        for (Path dir : dirs) {
            try (var files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".jar")).forEach(f -> unique.putIfAbsent(f.getFileName().toString(), f));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        unique.values().forEach(f -> args.add(f.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertEquals(0, status, "jdeps failed: " + err);
        String modules = out.toString().strip();
        return new HashSet<>(Arrays.asList(modules.substring(modules.lastIndexOf('\n') + 1).split(",")));
    }

    private static void expectLabel(Image image, JsonNode labels, String key, String expected, List<String> problems) {
        if (!expected.equals(labels.path(key).asText())) {
            problems.add(image.service() + ": label " + key + "='" + labels.path(key).asText() + "', expected '" + expected + "'");
        }
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "GET " + path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(registry + path)).timeout(Duration.ofMinutes(2)).header("Accept", MANIFEST_TYPES);
    }

    /**
     * The regular files of a layer (gzipped or plain tar), read as a stream; the jars among them
     * are saved to jarDir without module descriptors, so jdeps analyses them as a class path.
     */
    private static List<String> readLayer(String repository, JsonNode layer, Path jarDir, Tar.FileHandler also)
            throws IOException, InterruptedException {
        String digest = layer.path("digest").asText();
        HttpResponse<InputStream> r = HTTP.send(request("/v2/" + repository + "/blobs/" + digest).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode(), "layer " + digest);
        boolean gzip = layer.path("mediaType").asText().contains("gzip");
        InputStream body = new java.io.BufferedInputStream(r.body(), 1 << 20);
        try (InputStream in = new java.io.BufferedInputStream(gzip ? new GZIPInputStream(body, 1 << 16) : body, 1 << 20)) {
            return Tar.regularFiles(in, (path, content) -> {
                also.file(path, content);
                if (path.endsWith(".jar")) {
                    Path target = jarDir.resolve(path.substring(path.lastIndexOf('/') + 1));
                    Files.write(target, content);
                    if (isModular(target)) {
                        try (OutputStream out = Files.newOutputStream(target)) {
                            copyWithoutModuleInfo(content, out);
                        }
                    }
                }
            });
        }
    }

    /** True if a jar has a module descriptor (jdeps would then resolve it as a named module). */
    private static boolean isModular(Path jar) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().endsWith("module-info.class"));
        }
    }

    /** Copies a jar without its module descriptors, uncompressed (fast; only jdeps reads it). */
    private static void copyWithoutModuleInfo(byte[] jar, OutputStream target) throws IOException {
        Set<String> seen = new HashSet<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(target)) {
            out.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().endsWith("module-info.class") || !seen.add(e.getName())) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
    }

    /** Just enough of ustar, pax and GNU tar to list regular files and hand over their content. */
    static final class Tar {

        interface FileHandler {
            void file(String path, byte[] content) throws IOException;
        }

        private Tar() {
        }

        static List<String> regularFiles(InputStream in, FileHandler handler) throws IOException {
            List<String> files = new ArrayList<>();
            byte[] header = new byte[512];
            String longName = null;
            String paxPath = null;
            while (in.readNBytes(header, 0, 512) == 512 && !isZero(header)) {
                String name = string(header, 0, 100);
                String prefix = string(header, 345, 155);
                String octal = string(header, 124, 12).trim();
                long size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
                char type = (char) header[156];
                boolean regular = type == '0' || type == '\0';
                String path = paxPath != null ? paxPath : longName != null ? longName
                        : prefix.isEmpty() ? name : prefix + "/" + name;
                path = path.replaceFirst("^\\./", "").replaceFirst("^/", "");
                boolean keep = type == 'L' || type == 'x' || (regular && path.endsWith(".jar"));
                byte[] body = keep ? in.readNBytes((int) size) : null;
                long padded = (size + 511) / 512 * 512;
                in.skipNBytes(keep ? padded - size : padded);
                if (type == 'L') {
                    longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                if (type == 'x') {
                    for (String record : new String(body, StandardCharsets.UTF_8).split("\n")) {
                        int at = record.indexOf(" path=");
                        if (at >= 0) {
                            paxPath = record.substring(at + 6);
                        }
                    }
                    continue;
                }
                longName = null;
                paxPath = null;
                if (regular) {
                    files.add(path);
                    if (body != null) {
                        handler.file(path, body);
                    }
                }
            }
            return files;
        }

        private static String string(byte[] b, int offset, int length) {
            int end = offset;
            while (end < offset + length && b[end] != 0) {
                end++;
            }
            return new String(b, offset, end - offset, StandardCharsets.UTF_8);
        }

        private static boolean isZero(byte[] b) {
            for (byte x : b) {
                if (x != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
