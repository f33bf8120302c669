package io.mlops.cli.platform;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlatformStopperTest {

    @Test
    void servicesStopBeforeKafkaAndKafkaBeforePostgres() {
        assertEquals(List.of("model-registry", "drift-monitor", "kafka", "postgres"),
                PlatformStopper.stopOrder(List.of("kafka", "postgres", "model-registry", "drift-monitor")));
        assertEquals(List.of("postgres"), PlatformStopper.stopOrder(List.of("postgres")));
    }
}
