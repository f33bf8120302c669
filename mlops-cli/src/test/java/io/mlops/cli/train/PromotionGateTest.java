package io.mlops.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.events.EventJson;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionGateTest {

    private static JsonNode version(int version, String metrics) throws Exception {
        return EventJson.mapper().readTree("{\"version\":" + version + ",\"metrics\":" + metrics + "}");
    }

    @Test
    void refusesAWorseAucAndAcceptsAnEqualOrBetterOne() throws Exception {
        JsonNode champion = version(1, "{\"auc\":0.81,\"log_loss\":0.5}");

        Optional<String> refusal = PromotionGate.refusal("auc", version(2, "{\"auc\":0.80}"), champion);
        assertTrue(refusal.isPresent());
        assertTrue(refusal.get().contains("version 2 has auc 0.8000, worse than 0.8100 of version 1"), refusal.get());
        assertEquals(Optional.empty(), PromotionGate.refusal("auc", version(3, "{\"auc\":0.81}"), champion));
        assertEquals(Optional.empty(), PromotionGate.refusal("auc", version(4, "{\"auc\":0.9}"), champion));
    }

    @Test
    void lowerIsBetterForLosses() throws Exception {
        JsonNode champion = version(1, "{\"log_loss\":0.5}");
        assertTrue(PromotionGate.refusal("log_loss", version(2, "{\"log_loss\":0.6}"), champion).isPresent());
        assertEquals(Optional.empty(), PromotionGate.refusal("log_loss", version(3, "{\"log_loss\":0.4}"), champion));
    }

    @Test
    void aCandidateWithoutTheMetricOrAnUnknownMetricIsRefused() throws Exception {
        JsonNode champion = version(1, "{\"auc\":0.8}");
        assertTrue(PromotionGate.refusal("auc", version(2, "{}"), champion).isPresent());
        assertTrue(PromotionGate.refusal("vibes", version(2, "{\"vibes\":1}"), champion).get().contains("unknown gate metric"));
        assertEquals(Optional.empty(), PromotionGate.refusal("auc", version(2, "{\"auc\":0.7}"), version(1, "{}")),
                "a champion without the metric cannot block");
    }
}
