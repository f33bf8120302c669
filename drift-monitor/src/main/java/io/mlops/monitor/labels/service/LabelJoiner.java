package io.mlops.monitor.labels.service;

import io.mlops.events.inference.Feedback;
import io.mlops.monitor.config.LabelConfig;
import io.mlops.monitor.labels.repository.LabelRepository;
import io.mlops.monitor.reference.service.VersionCatalog;
import io.mlops.monitor.reference.service.VersionKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Joins feedback labels to predictions by {@code predictionId}. Labels may come minutes late, so
 * single-row predictions wait in {@code pending_prediction} (written in bulk with each checkpoint)
 * until a label or their TTL arrives; a label waits too, bounded in number and time, for the arms
 * of its request that have not come yet. Runs inside the checkpoint transaction: a join is committed with the offsets
 * that produced it, so a restart neither loses nor repeats one.
 */
@ApplicationScoped
public class LabelJoiner {

    private final LabelRepository repository;
    private final LabelConfig config;
    private final VersionCatalog catalog;
    private final LinkedHashMap<String, EarlyLabel> early = new LinkedHashMap<>();
    private final Map<VersionKey, FeatureDictionary> dictionaries = new HashMap<>();

    public LabelJoiner(LabelRepository repository, LabelConfig config, VersionCatalog catalog) {
        this.repository = repository;
        this.config = config;
        this.catalog = catalog;
    }

    /** Reloads the labels still waiting for their prediction (after a restart). */
    public void restore(Instant now) {
        early.clear();
        List<EarlyLabel> recent = repository.earlyLabels(now.minus(config.orphanTtl()), config.maxOrphans());
        for (int i = recent.size() - 1; i >= 0; i--) {
            early.put(recent.get(i).predictionId(), recent.get(i));
        }
    }

    /**
     * Joins a checkpoint's new predictions and labels with each other and with what waits in the
     * database, writes the results, and returns the rows joined for the first time: an arm of a
     * request joined before (a duplicate prediction event that met a label still waiting for other
     * arms, say) is written again but not returned, so live performance counts it once.
     */
    public List<LabelledRow> join(List<PendingPrediction> predictions, List<Feedback> labels, Instant now) {
        List<LabelledRow> joined = new ArrayList<>();
        Map<String, List<PendingPrediction>> fresh = new HashMap<>();
        List<PendingPrediction> toStore = new ArrayList<>();
        // The same arm of a request twice in one checkpoint (a duplicate event of a version the
        // stream was still looking up, which no window could recognise yet) is one prediction.
        Set<String> arms = new HashSet<>();
        for (PendingPrediction p : predictions) {
            if (!arms.add(armKey(p.predictionId(), p.arm()))) {
                continue;
            }
            EarlyLabel label = early.get(p.predictionId());
            if (label != null) {
                // The label stays until its TTL: another arm of the same request may still come.
                joined.add(labelled(p, label.label(), label.labelledAt()));
            } else {
                fresh.computeIfAbsent(p.predictionId(), k -> new ArrayList<>()).add(p);
            }
        }
        // Every arm of a request (champion, challenger, shadow) shares its prediction id, and the
        // arms' events may be split across checkpoints: a label joins the arms in this batch and
        // also those stored earlier, so a shadow challenger is labelled like its champion.
        Map<String, Feedback> lookup = new LinkedHashMap<>();
        for (Feedback f : labels) {
            Instant at = f.timestamp() == null ? now : f.timestamp();
            List<PendingPrediction> inBatch = fresh.remove(f.predictionId());
            if (inBatch != null) {
                inBatch.forEach(p -> joined.add(labelled(p, f.label(), at)));
            }
            lookup.put(f.predictionId(), f);
        }
        fresh.values().forEach(toStore::addAll);
        List<PendingPrediction> stored = repository.findPending(lookup.keySet());
        Set<String> found = new HashSet<>();
        for (PendingPrediction p : stored) {
            Feedback f = lookup.get(p.predictionId());
            joined.add(labelled(p, f.label(), f.timestamp() == null ? now : f.timestamp()));
            found.add(p.predictionId());
        }
        // Every label waits until its TTL, joined or not: the labels topic is not ordered with the
        // predictions topic, so the arm it has not met yet (a shadow behind its champion, say) may
        // come in a later checkpoint and must still find it.
        List<EarlyLabel> waiting = new ArrayList<>();
        lookup.forEach((id, f) -> waiting.add(new EarlyLabel(id, f.label(), f.timestamp() == null ? now : f.timestamp(),
                now)));
        Map<String, LabelledRow> byArm = new LinkedHashMap<>();
        joined.forEach(r -> byArm.put(armKey(r.predictionId(), r.arm()), r));
        Set<String> before = repository.labelledArms(joined.stream().map(LabelledRow::predictionId)
                .collect(Collectors.toSet()));
        repository.copyPending(toStore);
        repository.deletePending(found);
        repository.saveEarly(waiting);
        repository.saveLabelled(byArm.values(), now);
        waiting.forEach(l -> early.put(l.predictionId(), l));
        trim(now);
        List<LabelledRow> firstJoins = new ArrayList<>(byArm.size());
        byArm.forEach((key, row) -> {
            if (!before.contains(key)) {
                firstJoins.add(row);
            }
        });
        return firstJoins;
    }

    private static String armKey(String predictionId, String arm) {
        return predictionId + '\u0000' + arm;
    }

    /** Unpacks the features against the version's reference feature names. */
    private LabelledRow labelled(PendingPrediction p, String label, Instant at) {
        VersionKey key = new VersionKey(p.model(), p.version());
        FeatureDictionary dictionary = dictionaries.computeIfAbsent(key,
                k -> catalog.find(k).map(FeatureDictionary::of).orElse(null));
        return LabelledRow.of(p, FeatureCodec.toJson(p.features(), dictionary == null ? null : dictionary.names()),
                label, at);
    }

    private void trim(Instant now) {
        Instant cutoff = now.minus(config.orphanTtl());
        Iterator<EarlyLabel> it = early.values().iterator();
        while (it.hasNext()) {
            EarlyLabel l = it.next();
            if (early.size() > config.maxOrphans() || l.receivedAt().isBefore(cutoff)) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
