package io.mlops.registry.artifact;

import io.mlops.registry.config.RegistryConfig;
import io.mlops.registry.version.repository.VersionRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Removes artifact files that no version names. A refused upload and a deleted version clean up
 * after themselves; what is left is a file stored just before the process died, ahead of its
 * commit (or halfway through its write), which no request will ever come back for. Only files
 * older than {@code orphan-grace} are considered, so an upload on its way to its commit is never
 * touched. The store's directory belongs to the registry: anything else in it counts as an orphan.
 */
@ApplicationScoped
public class OrphanArtifactSweep {

    private static final Logger LOG = Logger.getLogger(OrphanArtifactSweep.class);
    private static final String UNFINISHED = ".partial-";
    /** Keys asked about in one query. */
    private static final int CHUNK = 1_000;

    private final ArtifactStore store;
    private final VersionRepository versions;
    private final Duration grace;
    private final Duration interval;
    private ScheduledExecutorService timer;

    public OrphanArtifactSweep(ArtifactStore store, VersionRepository versions, RegistryConfig config) {
        this.store = store;
        this.versions = versions;
        this.grace = config.artifacts().orphanGrace();
        this.interval = config.artifacts().orphanSweepInterval();
    }

    void start(@Observes StartupEvent event) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "artifact-orphan-sweep");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One pass at {@code now}; the keys removed. */
    public List<String> sweep(Instant now) throws IOException {
        List<String> stale = store.writtenBefore(now.minus(grace));
        List<String> removed = new ArrayList<>();
        for (int from = 0; from < stale.size(); from += CHUNK) {
            List<String> chunk = stale.subList(from, Math.min(stale.size(), from + CHUNK));
            Set<String> referenced = versions.referencedKeys(chunk);
            for (String key : chunk) {
                String name = key.substring(key.lastIndexOf('/') + 1);
                if (name.startsWith(UNFINISHED) || !referenced.contains(key)) {
                    store.delete(key);
                    removed.add(key);
                }
            }
        }
        return removed;
    }

    private void sweepQuietly() {
        try {
            List<String> removed = sweep(Instant.now());
            if (!removed.isEmpty()) {
                LOG.infof("Removed %d artifact file(s) no version names: %s", removed.size(),
                        removed.size() > 10 ? removed.subList(0, 10) + " ..." : removed);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Artifact orphan sweep failed (next in %s): %s", interval, e.getMessage());
        }
    }
}
