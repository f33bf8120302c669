package io.mlops.registry.version.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.mlops.common.config.ByteSizes;
import io.mlops.registry.config.RegistryConfig;
import io.mlops.registry.version.repository.VersionKey;
import io.mlops.registry.version.repository.VersionRepository;
import io.mlops.registry.version.repository.VersionRow;
import io.mlops.registry.web.RawJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Version JSON rendered once per revision. Reading a version's wide columns (signature, feature
 * refs, encodings) and turning them into JSON costs far more than finding which versions a search
 * or an alias names, so callers look up keys in PostgreSQL first and take the JSON from here.
 * Because the key carries the revision read in the same request, a version changed on another
 * replica is never served stale: its new revision simply misses.
 */
@ApplicationScoped
public class RenderedVersions {

    /** Exported as {@code cache_gets_total{cache="registry_version_json",result}} and friends. */
    public static final String CACHE_NAME = "registry_version_json";

    private final VersionRepository versions;
    private final ObjectMapper mapper;
    private final Cache<VersionKey, RawJson> cache;

    public RenderedVersions(VersionRepository versions, ObjectMapper mapper, RegistryConfig config, MeterRegistry meters) {
        this.versions = versions;
        this.mapper = mapper;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(ByteSizes.parse(config.versionCache().maxSize()))
                .weigher((VersionKey key, RawJson json) -> json.weight())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, cache, CACHE_NAME);
    }

    /** The JSON of a row already read. */
    public RawJson of(VersionRow row) {
        return cache.get(row.key(), key -> render(row));
    }

    /** For a row read after its key missed: that miss was counted already, so this must not count again. */
    private RawJson cacheMissed(VersionRow row) {
        RawJson json = render(row);
        cache.put(row.key(), json);
        return json;
    }

    /**
     * The JSON of exactly the state a key names: cached, else read now. Empty when the version
     * changed or was deleted since the key was read, so the caller can read again consistently.
     */
    public Optional<RawJson> exactly(VersionKey key) {
        RawJson cached = cache.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        return versions.findAll(List.of(key)).stream().filter(row -> row.key().equals(key)).findFirst()
                .map(this::cacheMissed);
    }

    /**
     * The JSON of each keyed version in the keys' order, reading every miss in one query. Versions
     * deleted since the keys were read are left out, as a later search would leave them out; one
     * changed since is served as it is now (read committed, as two separate reads always are).
     */
    public List<RawJson> of(List<VersionKey> keys) {
        Map<VersionKey, RawJson> hits = cache.getAllPresent(keys);
        List<VersionKey> misses = keys.stream().filter(key -> !hits.containsKey(key)).toList();
        Map<Long, Map<Integer, VersionRow>> loaded = new HashMap<>();
        for (VersionRow row : versions.findAll(misses)) {
            loaded.computeIfAbsent(row.modelId(), id -> new HashMap<>()).put(row.json().version(), row);
        }
        List<RawJson> out = new ArrayList<>(keys.size());
        for (VersionKey key : keys) {
            RawJson hit = hits.get(key);
            if (hit != null) {
                out.add(hit);
                continue;
            }
            VersionRow row = loaded.getOrDefault(key.modelId(), Map.of()).get(key.version());
            if (row != null) {
                out.add(cacheMissed(row));
            }
        }
        return out;
    }

    private RawJson render(VersionRow row) {
        try {
            return new RawJson(mapper.writeValueAsString(row.json()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
