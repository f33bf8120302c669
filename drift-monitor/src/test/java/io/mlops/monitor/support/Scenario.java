package io.mlops.monitor.support;

import io.mlops.events.inference.Arm;
import io.mlops.events.inference.Prediction;
import io.mlops.events.inference.PredictionRow;
import io.mlops.events.profile.FeatureProfile;
import io.mlops.events.profile.ReferenceProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic model with known input distributions: eight normal features {@code f0..f7} (feature
 * i has mean 10·i and standard deviation i + 1) and two categorical ones, {@code plan} and
 * {@code region}; its score is a logistic function of {@code f0}, so shifting {@code f0} also
 * shifts the predictions. Reference profiles and live predictions come from the same generator.
 */
public final class Scenario {

    public static final List<String> NUMERIC = List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7");
    public static final List<String> FEATURES = List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "plan", "region");
    private static final Map<String, Double> PLAN = shares("basic", 0.5, "plus", 0.3, "pro", 0.2);
    private static final Map<String, Double> REGION = shares("north", 0.4, "south", 0.35, "east", 0.25);

    private Scenario() {
    }

    /** One observation; {@code shifted} features move by one standard deviation (categories: mass moves to the last). */
    public static Map<String, Object> row(SplittableRandom random, Set<String> shifted) {
        Map<String, Object> f = new HashMap<>();
        for (int i = 0; i < NUMERIC.size(); i++) {
            String name = NUMERIC.get(i);
            double z = Profiles.gaussian(random) + (shifted.contains(name) ? 1.0 : 0.0);
            f.put(name, 10.0 * i + (i + 1) * z);
        }
        f.put("plan", shifted.contains("plan") ? Profiles.draw(random, shares("basic", 0.2, "plus", 0.3, "pro", 0.5))
                : Profiles.draw(random, PLAN));
        f.put("region", shifted.contains("region") ? Profiles.draw(random, shares("north", 0.1, "south", 0.2, "east", 0.7))
                : Profiles.draw(random, REGION));
        return f;
    }

    public static double score(Map<String, Object> features, SplittableRandom random) {
        double z0 = ((Double) features.get("f0")) / 1.0;
        return 1.0 / (1.0 + Math.exp(-(0.8 * z0 + 0.5 * Profiles.gaussian(random) - 1.0)));
    }

    public static String label(double score) {
        return score >= 0.5 ? "bad" : "good";
    }

    /**
     * A reference profile of {@code rows} observations (with a 1,000-value sample and a KLL sketch
     * that holds every value, so verdicts on the seeded predictions are the same in every run: see
     * {@link Profiles#numericExact}).
     */
    public static ReferenceProfile profile(long seed, int rows) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, double[]> numeric = new LinkedHashMap<>();
        NUMERIC.forEach(n -> numeric.put(n, new double[rows]));
        Map<String, Long> plan = new LinkedHashMap<>();
        Map<String, Long> region = new LinkedHashMap<>();
        Map<String, Long> labels = new LinkedHashMap<>();
        double[] scores = new double[rows];
        for (int r = 0; r < rows; r++) {
            Map<String, Object> f = row(random, Set.of());
            for (String n : NUMERIC) {
                numeric.get(n)[r] = (Double) f.get(n);
            }
            plan.merge((String) f.get("plan"), 1L, Long::sum);
            region.merge((String) f.get("region"), 1L, Long::sum);
            scores[r] = score(f, random);
            labels.merge(label(scores[r]), 1L, Long::sum);
        }
        Map<String, FeatureProfile> features = new LinkedHashMap<>();
        numeric.forEach((n, values) -> features.put(n, Profiles.numericExact(values)));
        features.put("plan", Profiles.categorical(plan));
        features.put("region", Profiles.categorical(region));
        return new ReferenceProfile(features, Profiles.numericExact(scores), Profiles.categorical(labels));
    }

    /** A single-row champion prediction. */
    public static Prediction prediction(String model, int version, String id, SplittableRandom random, Set<String> shifted) {
        Map<String, Object> f = row(random, shifted);
        double score = score(f, random);
        return new Prediction(id, null, model, version, "champion", Arm.CHAMPION,
                List.of(new PredictionRow(f, Map.of("probabilities", List.of(score, 1 - score)), label(score), score, null)),
                2.0 + random.nextDouble() * 3, Instant.now());
    }

    private static Map<String, Double> shares(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }

    /** {@code n} single-row predictions of version 1 from the reference distribution, ids {@code model-0} on. */
    public static List<Prediction> predictions(String model, SplittableRandom random, int n) {
        List<Prediction> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(prediction(model, 1, model + "-" + i, random, Set.of()));
        }
        return events;
    }
}
