package io.mlops.cli.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The components of the local platform, in start order: the services depend on Kafka and
 * PostgreSQL, so those come first; stopping goes the other way.
 */
public final class Components {

    public static final String KAFKA = "kafka";
    public static final String POSTGRES = "postgres";

    private record ServiceDef(String module, Function<LocalPlatformSettings, String> url) { }

    /** The four services: Maven module (also the component name) and the variable holding its URL. */
    private static final List<ServiceDef> SERVICES = List.of(
            new ServiceDef("model-registry", LocalPlatformSettings::registryUrl),
            new ServiceDef("feature-store", LocalPlatformSettings::featureStoreUrl),
            new ServiceDef("inference-service", LocalPlatformSettings::inferenceUrl),
            new ServiceDef("drift-monitor", LocalPlatformSettings::monitorUrl));

    private Components() {
    }

    /**
     * The services, each with its Quarkus fast-jar under {@code <module>/target/quarkus-app/} and
     * listening where the platform's {@code MLOPS_*_URL} says (8081-8084 by default, per
     * docs/api.md), so the services, the CLI and {@code mlops status} agree on every port.
     */
    public static List<Component> services(LocalPlatformSettings settings) {
        return SERVICES.stream()
                .map(s -> new Component(s.module(), Component.Kind.SERVICE, Endpoint.fromHttpUrl(s.url().apply(settings)),
                        settings.root().resolve(s.module()).resolve("target/quarkus-app/quarkus-run.jar")))
                .toList();
    }

    public static Component kafka(LocalPlatformSettings settings) {
        return new Component(KAFKA, Component.Kind.KAFKA, Endpoint.fromBootstrap(settings.kafkaBootstrap()), null);
    }

    public static Component postgres(LocalPlatformSettings settings) {
        return new Component(POSTGRES, Component.Kind.POSTGRES, Endpoint.fromJdbcUrl(settings.dbUrl()), null);
    }

    /** Everything, in start order: Kafka, PostgreSQL, then the services. */
    public static List<Component> all(LocalPlatformSettings settings) {
        List<Component> all = new ArrayList<>();
        all.add(kafka(settings));
        all.add(postgres(settings));
        all.addAll(services(settings));
        return List.copyOf(all);
    }

    /** Every valid component name, in start order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(List.of(KAFKA, POSTGRES));
        SERVICES.forEach(s -> names.add(s.module()));
        return List.copyOf(names);
    }

    public static Optional<Component> byName(LocalPlatformSettings settings, String name) {
        return all(settings).stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Whether the CLI runs this component itself, rather than using a server named in the environment. */
    public static boolean isManaged(Component component, LocalPlatformSettings settings) {
        return switch (component.kind()) {
            case SERVICE -> true;
            case KAFKA -> !settings.externalKafka();
            case POSTGRES -> !settings.externalDb();
        };
    }
}
