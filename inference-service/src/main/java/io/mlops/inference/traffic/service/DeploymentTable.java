package io.mlops.inference.traffic.service;

import io.mlops.inference.config.ModelsConfig;
import io.mlops.inference.model.service.AliasInterest;
import io.mlops.inference.traffic.repository.DeploymentEntity;
import io.mlops.inference.traffic.repository.DeploymentRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deployments this replica applies, read on the request path without touching the database.
 * Filled from PostgreSQL at start and refreshed from it whenever a deployment event arrives.
 */
@ApplicationScoped
public class DeploymentTable implements AliasInterest {

    private final DeploymentRepository repository;
    private final String championAlias;
    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();

    public DeploymentTable(DeploymentRepository repository, ModelsConfig config) {
        this.repository = repository;
        this.championAlias = config.championAlias();
    }

    /** Before the registry sync, so it loads the aliases deployments route to from the start. */
    void onStart(@Observes @Priority(100) StartupEvent event) {
        reloadAll();
    }

    /** The model's deployment, or the default (champion takes everything) when none was set. */
    public Deployment get(String model) {
        Deployment d = deployments.get(model);
        return d != null ? d : Deployment.defaultFor(model, championAlias);
    }

    public Optional<Deployment> stored(String model) {
        return Optional.ofNullable(deployments.get(model));
    }

    @Override
    public Set<String> aliases(String model) {
        Deployment d = deployments.get(model);
        if (d == null) {
            return Set.of(championAlias);
        }
        Set<String> aliases = new LinkedHashSet<>();
        aliases.add(championAlias);
        aliases.add(d.champion());
        if (d.routesToChallenger()) {
            aliases.add(d.challenger());
        }
        return aliases;
    }

    /** Applies a deployment unless this replica already has the same or a newer revision of it. */
    public boolean apply(Deployment deployment) {
        boolean[] changed = {false};
        deployments.compute(deployment.model(), (m, current) -> {
            if (current != null && current.revision() >= deployment.revision()) {
                return current;
            }
            changed[0] = true;
            return deployment;
        });
        return changed[0];
    }

    /** Re-reads one model's deployment from the database; true if it changed here. */
    public boolean reload(String model) {
        DeploymentEntity entity = QuarkusTransaction.requiringNew().call(() -> repository.findById(model));
        return entity != null && apply(Deployment.of(entity));
    }

    /** Re-reads every deployment; the models whose deployment changed here. */
    public List<String> reloadAll() {
        List<DeploymentEntity> all = QuarkusTransaction.requiringNew().call(() -> repository.listAll());
        return all.stream().map(Deployment::of).filter(this::apply).map(Deployment::model).toList();
    }
}
