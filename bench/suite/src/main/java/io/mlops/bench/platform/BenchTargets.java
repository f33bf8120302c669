package io.mlops.bench.platform;

import io.mlops.cli.platform.LocalPlatformSettings;

/** Where the benchmarks send their load: the platform the CLI's settings name, and the hello-world floor. */
public record BenchTargets(String registry, String featureStore, String inference, String monitor,
                           String helloWorld, String kafkaBootstrap, String dbUrl, String dbUser, String dbPassword) {

    public static BenchTargets of(LocalPlatformSettings s, String helloWorld) {
        return new BenchTargets(s.registryUrl(), s.featureStoreUrl(), s.inferenceUrl(), s.monitorUrl(), helloWorld,
                s.kafkaBootstrap(), s.dbUrl(), s.dbUser(), s.dbPassword());
    }
}
