package io.mlops.cli.platform;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What the local platform is configured with, read once from the environment variables every
 * part of the platform shares (CLI, services, manifests; see {@code docs/api.md}) and from two
 * system properties the {@code mlops} wrapper sets. A plain record: the CLI has no config framework.
 *
 * @param home            {@code MLOPS_HOME}, default {@code ~/.mlops}: data, logs and pid files
 * @param root            the repository root holding the built jars: system property {@code mlops.root},
 *                        else the current directory
 * @param kafkaLib        the broker's class path folder: system property {@code mlops.kafka.lib}, else
 *                        {@code MLOPS_KAFKA_LIB}, else {@code platform/kafka-server/target/lib} under the root
 * @param kafkaBootstrap  {@code MLOPS_KAFKA_BOOTSTRAP}, default {@code 127.0.0.1:9092}
 * @param externalKafka   true when {@code MLOPS_KAFKA_BOOTSTRAP} names a broker other than the local
 *                        default; {@code mlops up} then starts no broker of its own
 * @param dbUrl           {@code MLOPS_DB_URL}, default the embedded server on port 15432, database {@code mlops}
 * @param externalDb      true when {@code MLOPS_DB_URL} is set; {@code mlops up} then starts no PostgreSQL
 * @param dbUser          {@code MLOPS_DB_USER}, default {@code postgres}
 * @param dbPassword      {@code MLOPS_DB_PASSWORD}, default {@code postgres}
 * @param registryUrl     {@code MLOPS_REGISTRY_URL}, default {@code http://127.0.0.1:8081}
 * @param featureStoreUrl {@code MLOPS_FEATURE_STORE_URL}, default {@code http://127.0.0.1:8082}
 * @param inferenceUrl    {@code MLOPS_INFERENCE_URL}, default {@code http://127.0.0.1:8083}
 * @param monitorUrl      {@code MLOPS_MONITOR_URL}, default {@code http://127.0.0.1:8084}
 * @param artifactDir     {@code MLOPS_ARTIFACT_DIR}, default {@code $MLOPS_HOME/artifacts}
 */
public record LocalPlatformSettings(
        Path home,
        Path root,
        Path kafkaLib,
        String kafkaBootstrap,
        boolean externalKafka,
        String dbUrl,
        boolean externalDb,
        String dbUser,
        String dbPassword,
        String registryUrl,
        String featureStoreUrl,
        String inferenceUrl,
        String monitorUrl,
        Path artifactDir) {

    /** Port of the broker {@code mlops up} starts. */
    public static final int LOCAL_KAFKA_PORT = 9092;
    /** Port of the embedded PostgreSQL {@code mlops up} starts; not 5432, so a system server can coexist. */
    public static final int LOCAL_POSTGRES_PORT = 15432;
    public static final String LOCAL_KAFKA_BOOTSTRAP = "127.0.0.1:" + LOCAL_KAFKA_PORT;
    public static final String LOCAL_DB_URL = "jdbc:postgresql://127.0.0.1:" + LOCAL_POSTGRES_PORT + "/mlops";

    static final String KAFKA_LIB_IN_REPO = "platform/kafka-server/target/lib";

    /** Settings of this process: {@link System#getenv()} and {@link System#getProperties()}. */
    public static LocalPlatformSettings fromSystem() {
        return from(System.getenv(), System.getProperties());
    }

    /** Settings from the given environment and system properties; unset or blank values take their defaults. */
    public static LocalPlatformSettings from(Map<String, String> env, Properties props) {
        String userHome = props.getProperty("user.home", ".");
        Path home = path(value(env, "MLOPS_HOME"), Path.of(userHome, ".mlops"), userHome);
        Path root = path(blankToNull(props.getProperty("mlops.root")), Path.of(props.getProperty("user.dir", ".")),
                userHome);
        Path kafkaLib = path(firstSet(props.getProperty("mlops.kafka.lib"), value(env, "MLOPS_KAFKA_LIB")),
                root.resolve(KAFKA_LIB_IN_REPO), userHome);
        String bootstrap = orDefault(value(env, "MLOPS_KAFKA_BOOTSTRAP"), LOCAL_KAFKA_BOOTSTRAP);
        String dbUrl = value(env, "MLOPS_DB_URL");
        return new LocalPlatformSettings(
                home,
                root,
                kafkaLib,
                bootstrap,
                !isLocalDefaultBroker(bootstrap),
                orDefault(dbUrl, LOCAL_DB_URL),
                dbUrl != null,
                orDefault(value(env, "MLOPS_DB_USER"), "postgres"),
                orDefault(value(env, "MLOPS_DB_PASSWORD"), "postgres"),
                orDefault(value(env, "MLOPS_REGISTRY_URL"), "http://127.0.0.1:8081"),
                orDefault(value(env, "MLOPS_FEATURE_STORE_URL"), "http://127.0.0.1:8082"),
                orDefault(value(env, "MLOPS_INFERENCE_URL"), "http://127.0.0.1:8083"),
                orDefault(value(env, "MLOPS_MONITOR_URL"), "http://127.0.0.1:8084"),
                path(value(env, "MLOPS_ARTIFACT_DIR"), home.resolve("artifacts"), userHome));
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    public Path runDir() {
        return home.resolve("run");
    }

    public Path kafkaDataDir() {
        return home.resolve("kafka");
    }

    public Path postgresDataDir() {
        return home.resolve("postgres");
    }

    public Path logFile(String component) {
        return logsDir().resolve(component + ".log");
    }

    public Path pidFile(String component) {
        return runDir().resolve(component + ".pid");
    }

    /**
     * The environment every service is started with: the platform's shared variables, so a service
     * finds the same database, broker and sibling services as the CLI.
     */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MLOPS_HOME", home.toString());
        env.put("MLOPS_DB_URL", dbUrl);
        env.put("MLOPS_DB_USER", dbUser);
        env.put("MLOPS_DB_PASSWORD", dbPassword);
        env.put("MLOPS_KAFKA_BOOTSTRAP", kafkaBootstrap);
        env.put("MLOPS_REGISTRY_URL", registryUrl);
        env.put("MLOPS_FEATURE_STORE_URL", featureStoreUrl);
        env.put("MLOPS_INFERENCE_URL", inferenceUrl);
        env.put("MLOPS_MONITOR_URL", monitorUrl);
        env.put("MLOPS_ARTIFACT_DIR", artifactDir.toString());
        return env;
    }

    /** The same settings with another database URL, e.g. the one the embedded server reports once up. */
    public LocalPlatformSettings withDbUrl(String url) {
        return new LocalPlatformSettings(home, root, kafkaLib, kafkaBootstrap, externalKafka, url, externalDb,
                dbUser, dbPassword, registryUrl, featureStoreUrl, inferenceUrl, monitorUrl, artifactDir);
    }

    static boolean isLocalDefaultBroker(String bootstrap) {
        String b = bootstrap.trim();
        return b.equals(LOCAL_KAFKA_BOOTSTRAP) || b.equals("localhost:" + LOCAL_KAFKA_PORT);
    }

    private static String value(Map<String, String> env, String name) {
        return blankToNull(env.get(name));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String firstSet(String a, String b) {
        String first = blankToNull(a);
        return first != null ? first : blankToNull(b);
    }

    private static String orDefault(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static Path path(String value, Path fallback, String userHome) {
        Path p = value != null ? Path.of(expandHome(value, userHome)) : fallback;
        return p.toAbsolutePath().normalize();
    }

    /** Shells expand {@code ~/x} only when unquoted; accept it either way. */
    private static String expandHome(String value, String userHome) {
        if (value.equals("~") || value.startsWith("~/")) {
            return userHome + value.substring(1);
        }
        return value;
    }
}
