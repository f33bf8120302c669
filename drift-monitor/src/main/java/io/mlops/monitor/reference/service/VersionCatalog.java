package io.mlops.monitor.reference.service;

import io.mlops.events.EventJson;
import io.mlops.events.profile.ReferenceProfile;
import io.mlops.events.registry.ModelVersion;
import io.mlops.monitor.config.RegistryClientConfig;
import io.mlops.monitor.reference.client.RegistryClient;
import io.mlops.monitor.reference.client.RegistryUnavailableException;
import io.mlops.monitor.reference.client.RegistryVersion;
import io.mlops.monitor.reference.repository.MonitoredVersionRepository;
import io.mlops.monitor.reference.repository.MonitoredVersionRepository.Stored;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The versions the monitor knows, with their reference profiles. A version seen for the first time
 * is looked up in the database, else asked of the registry on a background thread, retried with
 * exponential backoff while the registry is unreachable; the stream holds that version's events
 * meanwhile and collects the answers through {@link #drainResolutions()}, so it sees each version's
 * status change at one well-defined point.
 */
@ApplicationScoped
public class VersionCatalog {

    private static final Logger LOG = Logger.getLogger(VersionCatalog.class);

    private final RegistryClient registry;
    private final MonitoredVersionRepository repository;
    private final RegistryClientConfig config;
    private final Map<VersionKey, MonitoredVersion> cache = new ConcurrentHashMap<>();
    private final Set<VersionKey> inFlight = ConcurrentHashMap.newKeySet();
    private final Queue<Resolution> resolutions = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "registry-lookup");
        t.setDaemon(true);
        return t;
    });

    public VersionCatalog(RegistryClient registry, MonitoredVersionRepository repository, RegistryClientConfig config) {
        this.registry = registry;
        this.repository = repository;
        this.config = config;
    }

    /** The version if it is resolved already (memory, then database); never calls the registry. */
    public Optional<MonitoredVersion> find(VersionKey key) {
        MonitoredVersion cached = cache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<MonitoredVersion> stored = repository.find(key.model(), key.version()).map(VersionCatalog::build);
        stored.ifPresent(v -> cache.put(key, v));
        return stored;
    }

    /** The version if it is in memory; never touches the database (safe to call per event from any thread). */
    public Optional<MonitoredVersion> cached(VersionKey key) {
        return Optional.ofNullable(cache.get(key));
    }

    /** Starts resolving a version with the registry unless that is under way; the answer arrives through {@link #drainResolutions()}. */
    public void request(VersionKey key) {
        if (inFlight.add(key)) {
            executor.execute(() -> attempt(key, null, 0));
        }
    }

    /** Fetches the profile of a version announced by the registry before any prediction needs it. */
    public void prefetch(ModelVersion version) {
        VersionKey key = new VersionKey(version.name(), version.version());
        if (!cache.containsKey(key) && inFlight.add(key)) {
            executor.execute(() -> attempt(key, version, 0));
        }
    }

    /** Answers that arrived since the last call. */
    public List<Resolution> drainResolutions() {
        List<Resolution> out = new ArrayList<>();
        Resolution r;
        while ((r = resolutions.poll()) != null) {
            out.add(r);
        }
        return out;
    }

    private void attempt(VersionKey key, ModelVersion known, int failures) {
        try {
            if (repository.find(key.model(), key.version()).isPresent()) {
                done(key, find(key).orElseThrow());
                return;
            }
            RegistryVersion answer = known == null ? registry.fetch(key.model(), key.version()) : registry.profile(known);
            if (!answer.exists()) {
                LOG.infof("Events of %s are skipped: %s", key, answer.note());
                inFlight.remove(key);
                resolutions.add(new Resolution(key, null));
                return;
            }
            Stored stored = new Stored(key.model(), key.version(),
                    EventJson.mapper().writeValueAsString(answer.version()), answer.profileJson(), answer.note());
            MonitoredVersion version = build(stored);
            repository.save(new Stored(stored.model(), stored.version(), stored.versionJson(),
                    version.reference().isPresent() ? stored.profileJson() : null, version.profileNote()));
            done(key, version);
        } catch (RegistryUnavailableException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            Duration wait = backoff(failures);
            if (failures == 0 || failures % 10 == 0) {
                LOG.warnf("Cannot resolve %s yet (%s); events wait, retrying in %s", key, e.getMessage(), wait);
            }
            executor.schedule(() -> attempt(key, known, failures + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void done(VersionKey key, MonitoredVersion version) {
        cache.put(key, version);
        inFlight.remove(key);
        resolutions.add(new Resolution(key, version));
        LOG.infof("Monitoring %s %s", key, version.reference().isPresent()
                ? "against its reference profile" : "for volume, data quality and latency only (" + version.profileNote() + ")");
    }

    private Duration backoff(int failures) {
        long millis = config.retryInitial().toMillis() << Math.min(failures, 16);
        return Duration.ofMillis(Math.min(millis, config.retryMax().toMillis()));
    }

    static MonitoredVersion build(Stored s) {
        ModelVersion v;
        try {
            v = EventJson.mapper().readValue(s.versionJson(), ModelVersion.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored version JSON of " + s.model() + " v" + s.version() + " is unreadable", e);
        }
        Optional<ReferenceData> reference = Optional.empty();
        String note = s.note();
        if (s.profileJson() != null) {
            try {
                reference = Optional.of(ReferenceReader.read(
                        EventJson.mapper().readValue(s.profileJson(), ReferenceProfile.class)));
            } catch (java.io.IOException | RuntimeException e) {
                note = "the reference profile could not be read: " + e.getMessage();
            }
        }
        return new MonitoredVersion(s.model(), s.version(), v.task(), v.labels() == null ? List.of() : v.labels(),
                v.positiveLabel(), v.metrics() == null ? Map.of() : v.metrics(), reference, note);
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
