package io.mlops.features.view.service;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.mlops.features.config.DefinitionsConfig;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.view.repository.FeatureViewRepository;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feature view definitions held in memory, so that lookups on the hot path never query them.
 * Entries are refreshed in the background after {@link DefinitionsConfig#refreshInterval()}, which
 * is how changes made on another replica arrive; changes made here invalidate at once.
 */
@ApplicationScoped
public class ViewCatalog {

    private final FeatureViewRepository repository;
    private final ExecutorService refresher;
    private final LoadingCache<String, ViewHistory> views;
    /** Bumped on every local change, so caches derived from definitions know to drop their entries. */
    private final AtomicLong generation = new AtomicLong();

    public ViewCatalog(FeatureViewRepository repository, DefinitionsConfig config) {
        this.repository = repository;
        this.refresher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "definitions-refresh");
            t.setDaemon(true);
            return t;
        });
        this.views = Caffeine.newBuilder()
                .maximumSize(100_000)
                .refreshAfterWrite(config.refreshInterval().toMillis(), TimeUnit.MILLISECONDS)
                // A refresh is only started by a read, which still gets the old value: without an
                // expiry, a view nobody read for an hour would answer its first read an hour stale.
                .expireAfterWrite(config.refreshInterval().toMillis() * 2, TimeUnit.MILLISECONDS)
                .executor(refresher)
                .build(name -> repository.find(name).orElse(null));
    }

    /**
     * The view's versions, reading PostgreSQL if they are not cached (blocking); null for a name no
     * view can have, without asking the database (which refuses some text outright, a NUL say).
     */
    public ViewHistory find(String name) {
        if (unnameable(name)) {
            return null;
        }
        return views.get(name);
    }

    /** Like {@link #find} but 404 when the view does not exist. */
    public ViewHistory require(String name) {
        ViewHistory history = find(name);
        if (history == null) {
            throw FeatureErrors.viewNotFound(name);
        }
        return history;
    }

    /** The cached versions, or null if not cached: never blocks, for event-loop callers. */
    public ViewHistory cached(String name) {
        return views.getIfPresent(name);
    }

    /**
     * Reads the view from PostgreSQL now and caches what it finds: for writes that pin or validate
     * against the definition, where another replica's change not yet seen here would otherwise be
     * pinned for good or refuse valid rows. Null when the view does not exist.
     */
    public ViewHistory reload(String name) {
        if (unnameable(name)) {
            return null;
        }
        ViewHistory stored = repository.find(name).orElse(null);
        ViewHistory cached = views.getIfPresent(name);
        if (stored == null) {
            if (cached != null) {
                invalidate(name);
            }
        } else if (cached == null || !sameLatest(cached, stored)) {
            // Only a change drops the lookup plans built from definitions: re-applying an unchanged
            // feature service must not make every model's next lookup plan again.
            replace(stored);
        }
        return stored;
    }

    /** No view can have this name, and the database refuses some text outright (a NUL, say). */
    private static boolean unnameable(String name) {
        return name == null || name.indexOf('\0') >= 0;
    }

    /** Caches a view read from the database and drops the lookup plans built from its old definition. */
    private void replace(ViewHistory stored) {
        views.put(stored.name(), stored);
        generation.incrementAndGet();
    }

    /** Versions are immutable: the same latest version of a view created at the same time is the same view. */
    private static boolean sameLatest(ViewHistory a, ViewHistory b) {
        return a.latestVersion() == b.latestVersion() && Objects.equals(a.createdAt(), b.createdAt())
                && Objects.equals(a.updatedAt(), b.updatedAt());
    }

    /**
     * The view as stored now if it has a later version than {@code seen}, else null: asked when the
     * cached definition refused a write, which a version applied on another replica may accept.
     */
    public ViewHistory newerThan(ViewHistory seen) {
        ViewHistory stored = repository.find(seen.name()).orElse(null);
        if (stored == null || stored.latestVersion() <= seen.latestVersion()) {
            return null;
        }
        replace(stored);
        return stored;
    }

    /** Drops a view after a local change, so the next read sees it. */
    public void invalidate(String name) {
        views.invalidate(name);
        generation.incrementAndGet();
    }

    /**
     * Another definition that lookup plans are made from changed here (a feature service): plans
     * derived from the old one must not be used again.
     */
    public void definitionsChanged() {
        generation.incrementAndGet();
    }

    /** Changes whenever a local definition change happened. */
    public long generation() {
        return generation.get();
    }

    @PreDestroy
    void close() {
        refresher.shutdownNow();
    }
}
