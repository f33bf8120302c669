package io.mlops.inference.predictionlog.service;

import io.mlops.inference.config.FeedbackConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The prediction ids this replica issued most recently, with their model, so feedback can be
 * attributed to a model and feedback on ids never issued here can be counted. Bounded: the
 * oldest id is forgotten first.
 */
@ApplicationScoped
public class RecentPredictions {

    private final String[] ring;
    private final Map<String, String> models = new ConcurrentHashMap<>();
    private int next;

    public RecentPredictions(FeedbackConfig config) {
        this.ring = new String[Math.max(1, config.rememberedPredictions())];
    }

    public synchronized void remember(String predictionId, String model) {
        if (models.put(predictionId, model) != null) {
            return;
        }
        String evicted = ring[next];
        if (evicted != null) {
            models.remove(evicted);
        }
        ring[next] = predictionId;
        next = (next + 1) % ring.length;
    }

    /** The model of a prediction this replica issued recently, or null. */
    public String modelOf(String predictionId) {
        return predictionId == null ? null : models.get(predictionId);
    }
}
