package io.mlops.registry.tracking.experiment.service;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.PlatformException;
import io.mlops.common.web.CurrentActor;
import io.mlops.registry.config.Limits;
import io.mlops.registry.db.Jdbc;
import io.mlops.registry.search.Page;
import io.mlops.registry.search.PageRequest;
import io.mlops.registry.tracking.experiment.repository.ExperimentRepository;
import io.mlops.registry.tracking.experiment.rest.CreateExperimentRequest;
import io.mlops.registry.tracking.experiment.rest.ExperimentJson;
import io.mlops.registry.validation.Violations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Experiments group runs; their names are unique. */
@ApplicationScoped
public class ExperimentService {

    /** Looser than model names, as in MLflow, but printable and without path tricks. */
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 _.:-]{0,199}$");

    private final ExperimentRepository experiments;
    private final CurrentActor actor;
    private final Limits limits;

    public ExperimentService(ExperimentRepository experiments, CurrentActor actor, Limits limits) {
        this.experiments = experiments;
        this.actor = actor;
        this.limits = limits;
    }

    @Transactional
    public ExperimentJson create(CreateExperimentRequest request) {
        if (request == null) {
            throw new PlatformException(ErrorCode.MALFORMED_REQUEST, "The body must be a JSON object with a name");
        }
        Map<String, String> tags = request.tags() == null ? Map.of() : request.tags();
        Violations v = new Violations();
        if (request.name() == null || !NAME.matcher(request.name()).matches()) {
            v.add("name", "is required: 1-200 letters, digits, spaces or _ . : -, starting with a letter or digit");
        }
        v.text("description", request.description(), limits.fields().maxDescriptionLength());
        var f = limits.fields();
        v.stringMap("tags", tags, f.maxTags(), f.maxTagKeyLength(), f.maxTagValueLength());
        v.throwIfAny();
        long id = experiments.insert(request.name(), request.description(), tags, Jdbc.now(), actor.name())
                .orElseThrow(() -> PlatformException.conflict("Experiment '" + request.name() + "' already exists"));
        return experiments.find(id).orElseThrow();
    }

    public ExperimentJson get(String id) {
        return experiments.find(parseId(id)).orElseThrow(() -> notFound(id));
    }

    public Page<ExperimentJson> list(String name, Integer pageSize, String pageToken) {
        if (name != null) {
            return new Page<>(experiments.findByName(name).map(List::of).orElse(List.of()), null);
        }
        PageRequest page = PageRequest.of(pageSize, pageToken, limits.paging().defaultPageSize(),
                limits.paging().maxPageSize(), "experiments");
        return Page.of(experiments.list(page.size() + 1, page.offset()), page);
    }

    /** The numeric id, or 404 for text that cannot be an id. */
    public static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException | NullPointerException e) {
            throw notFound(id);
        }
    }

    public static PlatformException notFound(String id) {
        return PlatformException.notFound(ErrorCode.NOT_FOUND, "Experiment", String.valueOf(id));
    }
}
