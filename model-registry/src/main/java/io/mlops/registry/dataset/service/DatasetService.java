package io.mlops.registry.dataset.service;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import io.mlops.common.web.CurrentActor;
import io.mlops.registry.config.Limits;
import io.mlops.registry.dataset.repository.DatasetRepository;
import io.mlops.registry.dataset.rest.DatasetJson;
import io.mlops.registry.dataset.rest.DatasetVersionJson;
import io.mlops.registry.dataset.rest.NewDatasetVersionRequest;
import io.mlops.registry.db.Jdbc;
import io.mlops.registry.validation.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Registers dataset versions by content digest; runs and model versions point at them. */
@ApplicationScoped
public class DatasetService {

    private static final int MAX_DIGEST = 200;
    private static final int MAX_LOCATION = 2_000;

    private final DatasetRepository datasets;
    private final CurrentActor actor;
    private final Limits limits;

    public DatasetService(DatasetRepository datasets, CurrentActor actor, Limits limits) {
        this.datasets = datasets;
        this.actor = actor;
        this.limits = limits;
    }

    /** The outcome of a registration: the version, and whether it was new (201) or the latest already (200). */
    public record Registered(DatasetVersionJson version, boolean created) {
    }

    /**
     * Registers a version; when the latest version already has this digest it is returned instead,
     * so re-running a pipeline on unchanged data does not mint a new version.
     */
    @Transactional
    public Registered register(String name, NewDatasetVersionRequest request) {
        if (request == null) {
            throw new PlatformException(ErrorCode.MALFORMED_REQUEST, "The body must be a JSON object with digest and rows");
        }
        Violations v = new Violations();
        v.name("name", name);
        if (request.digest() == null || request.digest().isBlank()) {
            v.add("digest", "is required: a content digest such as sha256:<hex>");
        } else {
            v.text("digest", request.digest(), MAX_DIGEST);
        }
        if (request.rows() == null || request.rows() < 0) {
            v.add("rows", "is required and must be >= 0");
        }
        v.text("location", request.location(), MAX_LOCATION);
        v.noNul("schema", request.schema());
        v.text("description", request.description(), limits.fields().maxDescriptionLength());
        v.throwIfAny();
        var now = Jdbc.now();
        String who = actor.name();
        long id = datasets.lockOrCreate(name, now, who);
        Optional<DatasetVersionJson> latest = datasets.latest(id);
        if (latest.isPresent() && latest.get().digest().equals(request.digest())) {
            return new Registered(latest.get(), false);
        }
        DatasetVersionJson draft = new DatasetVersionJson(name, 0, request.digest(), request.rows(), request.schema(),
                request.location(), request.description(), now, who);
        int version = datasets.insertVersion(id, draft);
        return new Registered(datasets.version(name, version).orElseThrow(), true);
    }

    public List<DatasetJson> list() {
        return datasets.list();
    }

    public List<DatasetVersionJson> versions(String name) {
        if (!datasets.exists(name)) {
            throw notFound(name);
        }
        return datasets.versions(name);
    }

    public DatasetVersionJson version(String name, int version) {
        return datasets.version(name, version).orElseThrow(() -> new PlatformException(ErrorCode.NOT_FOUND,
                "Dataset '" + name + "' has no version " + version));
    }

    static PlatformException notFound(String name) {
        return PlatformException.notFound(ErrorCode.NOT_FOUND, "Dataset", name);
    }
}
