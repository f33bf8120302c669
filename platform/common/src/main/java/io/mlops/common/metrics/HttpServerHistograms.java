package io.mlops.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Gives every service's HTTP server timer histogram buckets, so request percentiles by URI and
 * status can be computed in Prometheus (count, sum and max alone give only means). Fixed buckets,
 * sub-millisecond where the platform's latency goals are, rather than Micrometer's percentile
 * histogram of some 70 buckets per series.
 */
@Singleton
public class HttpServerHistograms {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    private static final double[] BUCKETS = Stream.of(
                    Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
                    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
                    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                    Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10))
            .mapToDouble(Duration::toNanos).toArray();

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS).build().merge(config);
            }
        };
    }
}
