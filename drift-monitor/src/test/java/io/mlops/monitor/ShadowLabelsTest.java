package io.mlops.monitor;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlops.events.inference.Arm;
import io.mlops.events.inference.Feedback;
import io.mlops.events.inference.Prediction;
import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.infra.testing.contract.Eventually;
import io.mlops.monitor.support.Kafka;
import io.mlops.monitor.support.RegistryStandIn;
import io.mlops.monitor.support.RegistryStandInResource;
import io.mlops.monitor.support.Scenario;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A shadow challenger answers the same request as the champion under the same prediction id, so
 * one feedback label must reach both arms, whatever order the champion's event, the shadow's event
 * and the label arrive in and however they are split across checkpoints. Autopilot compares the
 * two versions on exactly these rows.
 */
@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = RegistryStandInResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ShadowLabelsTest {

    private static final String MODEL = "shadow-labels";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Longer than a checkpoint interval (1 s), so what is sent after it lands in a later checkpoint. */
    private static final long NEXT_CHECKPOINT_MS = 1_500;
    private static final int PER_ORDER = 40;

    @Test
    void oneLabelJoinsEveryArmOfTheRequestInAnyOrder() throws InterruptedException {
        RegistryStandIn.register(RegistryStandIn.version(MODEL, 1, Map.of("accuracy", 0.8)), Scenario.profile(21, 1000));
        RegistryStandIn.register(RegistryStandIn.version(MODEL, 2, Map.of("accuracy", 0.8)), Scenario.profile(22, 1000));
        SplittableRandom random = new SplittableRandom(23);
        List<Prediction> together = predictions("together", random);
        List<Prediction> labelFirst = predictions("label-first", random);
        List<Prediction> shadowWithLabel = predictions("shadow-with-label", random);
        List<Prediction> shadowAfterLabel = predictions("shadow-after-label", random);
        try (Kafka kafka = new Kafka()) {
            // 1. champion, shadow and label back to back.
            together.forEach(p -> {
                kafka.prediction(p);
                kafka.prediction(shadowOf(p));
                kafka.feedback(label(p));
            });
            // 2. the label first; the champion a checkpoint later, the shadow another one later.
            labelFirst.forEach(p -> kafka.feedback(label(p)));
            nextCheckpoint(kafka);
            labelFirst.forEach(kafka::prediction);
            nextCheckpoint(kafka);
            labelFirst.forEach(p -> kafka.prediction(shadowOf(p)));
            // 3. the champion stored first, then its shadow and the label in the same checkpoint.
            shadowWithLabel.forEach(kafka::prediction);
            nextCheckpoint(kafka);
            shadowWithLabel.forEach(p -> {
                kafka.prediction(shadowOf(p));
                kafka.feedback(label(p));
            });
            // 4. the champion, then the label (it joins the champion), and only then the shadow: the
            //    labels topic may run ahead of the predictions topic.
            nextCheckpoint(kafka);
            shadowAfterLabel.forEach(kafka::prediction);
            nextCheckpoint(kafka);
            shadowAfterLabel.forEach(p -> kafka.feedback(label(p)));
            nextCheckpoint(kafka);
            shadowAfterLabel.forEach(p -> kafka.prediction(shadowOf(p)));
            kafka.flush();
        }

        Eventually.await("every arm of every request labelled", WAIT,
                () -> labelCount(1) == 4 * PER_ORDER && labelCount(2) == 4 * PER_ORDER);
        List<Map<String, Object>> rows = given().get("/api/v1/labelled/{model}", MODEL).then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Integer> byOrderAndArm = new TreeMap<>();
        rows.forEach(r -> byOrderAndArm.merge(((String) r.get("predictionId")).replaceAll("-\\d+$", "") + "/"
                + r.get("arm"), 1, Integer::sum));
        assertEquals(Map.of("label-first/champion", PER_ORDER, "label-first/shadow", PER_ORDER,
                "shadow-with-label/champion", PER_ORDER, "shadow-with-label/shadow", PER_ORDER,
                "shadow-after-label/champion", PER_ORDER, "shadow-after-label/shadow", PER_ORDER,
                "together/champion", PER_ORDER, "together/shadow", PER_ORDER), byOrderAndArm);
    }

    private static List<Prediction> predictions(String order, SplittableRandom random) {
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < PER_ORDER; i++) {
            out.add(Scenario.prediction(MODEL, 1, order + "-" + i, random, Set.of()));
        }
        return out;
    }

    /** The challenger's run of the same request: same id and features, its own version and arm. */
    private static Prediction shadowOf(Prediction p) {
        return new Prediction(p.predictionId(), null, p.model(), 2, "challenger", Arm.SHADOW, p.rows(), p.latencyMs(),
                p.timestamp());
    }

    private static Feedback label(Prediction p) {
        return new Feedback(p.predictionId(), p.predictionId().hashCode() % 2 == 0 ? "bad" : "good", Instant.now());
    }

    private static void nextCheckpoint(Kafka kafka) throws InterruptedException {
        kafka.flush();
        Thread.sleep(NEXT_CHECKPOINT_MS);
    }

    private static int labelCount(int version) {
        var response = given().queryParam("version", version).get("/api/v1/performance/{model}", MODEL);
        if (response.statusCode() != 200) {
            return 0;
        }
        Number n = JsonPath.from(response.asString()).get("versions[0].labelCount");
        return n == null ? 0 : n.intValue();
    }
}
