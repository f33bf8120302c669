package io.mlops.infra.testing.contract;

import static io.restassured.RestAssured.given;

import io.mlops.infra.kafka.KafkaBroker;
import io.mlops.infra.testing.InjectKafkaBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the broker: UP with it, DOWN (503) while it is stopped, UP again once it is
 * back. A service's test extends this with {@code OwnBrokerResource}, never the shared broker.
 */
public abstract class BrokerOutageReadinessTest {

    @InjectKafkaBroker
    protected KafkaBroker broker;

    @Test
    void readinessFollowsTheBroker() {
        Eventually.await("ready with the broker up", Duration.ofSeconds(30), () -> readiness() == 200);

        broker.stop();
        Eventually.await("readiness 503 with the broker stopped", Duration.ofSeconds(30), () -> readiness() == 503);
        String body = given().when().get("/q/health/ready").then().extract().asString();
        if (!body.contains("\"kafka\"") || !body.contains("DOWN")) {
            throw new AssertionError("readiness should name the kafka check as DOWN: " + body);
        }

        broker.restart();
        Eventually.await("ready again once the broker is back", Duration.ofSeconds(60), () -> readiness() == 200);
    }

    private static int readiness() {
        return given().when().get("/q/health/ready").then().extract().statusCode();
    }
}
