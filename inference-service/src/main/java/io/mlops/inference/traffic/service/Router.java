package io.mlops.inference.traffic.service;

import io.mlops.events.inference.Arm;
import io.mlops.inference.config.ModelsConfig;
import io.mlops.inference.error.InferenceErrors;
import io.mlops.inference.model.runtime.LoadedModel;
import io.mlops.inference.model.service.ModelLifecycle;
import io.mlops.inference.model.service.ServedModel;
import io.mlops.inference.model.service.ServedModels;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Picks the version that answers a request and the one that shadows it. Lock-free: it reads the
 * deployment table and the alias slots, and takes references on what it returns.
 */
@ApplicationScoped
public class Router {

    private final ServedModels served;
    private final DeploymentTable deployments;
    private final ModelLifecycle lifecycle;
    private final String defaultChampion;

    public Router(ServedModels served, DeploymentTable deployments, ModelLifecycle lifecycle, ModelsConfig config) {
        this.served = served;
        this.deployments = deployments;
        this.lifecycle = lifecycle;
        this.defaultChampion = config.championAlias();
    }

    /** Routes by the deployment's split; the challenger is chosen by {@code requestId}. */
    public Routed route(String model, String requestId) {
        ServedModel sm = servedOrFail(model);
        Deployment d = deployments.get(model);
        Arm arm = Arm.CHAMPION;
        String alias = d.champion();
        if (d.challenger() != null && !d.shadow() && TrafficSplitter.toChallenger(requestId, d.challengerPercent())) {
            arm = Arm.CHALLENGER;
            alias = d.challenger();
        }
        LoadedModel primary = sm.acquire(alias);
        if (primary == null && arm == Arm.CHALLENGER) {
            // A challenger still loading (or failed) must not fail requests the champion can answer.
            arm = Arm.CHAMPION;
            alias = d.champion();
            primary = sm.acquire(alias);
        }
        if (primary == null) {
            alias = championFallback(d);
            primary = alias == null ? null : sm.acquire(alias);
        }
        if (primary == null) {
            throw InferenceErrors.modelNotReady(model, why(model, d.champion()));
        }
        LoadedModel shadow = d.shadow() && d.challenger() != null ? sm.acquire(d.challenger()) : null;
        if (shadow != null && shadow.version() == primary.version()) {
            // The challenger is the answering version itself (a promotion moved the champion onto it
            // before turning the shadow off): a second run would log each request, and join each
            // label, twice for the same version.
            shadow.release();
            shadow = null;
        }
        return new Routed(primary, arm, alias, shadow, shadow == null ? null : d.challenger(), d);
    }

    /** The champion's version only, as metadata and readiness describe it. */
    public Routed routeChampion(String model) {
        ServedModel sm = servedOrFail(model);
        Deployment d = deployments.get(model);
        String alias = d.champion();
        LoadedModel champion = sm.acquire(alias);
        if (champion == null) {
            alias = championFallback(d);
            champion = alias == null ? null : sm.acquire(alias);
        }
        if (champion == null) {
            throw InferenceErrors.modelNotReady(model, why(model, d.champion()));
        }
        return new Routed(champion, Arm.CHAMPION, alias, null, null, d);
    }

    /**
     * While a deployment's champion alias serves nothing yet (just named, still loading, or its
     * load failed), the service's default champion alias answers: it is always kept loaded, so
     * naming another champion is a swap once that alias is ready, never an outage before.
     */
    private String championFallback(Deployment d) {
        return d.champion().equals(defaultChampion) ? null : defaultChampion;
    }

    /** A pinned version, as {@code /v2/models/{m}/versions/{v}} asks: no split, no shadow. */
    public Routed routeVersion(String model, String version) {
        ServedModel sm = servedOrFail(model);
        int v;
        try {
            v = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw InferenceErrors.versionNotServed(model, version);
        }
        LoadedModel pinned = sm.acquireVersion(v);
        if (pinned == null) {
            throw InferenceErrors.versionNotServed(model, version);
        }
        Deployment d = deployments.get(model);
        String alias = sm.aliasOf(v, d.champion());
        Arm arm = alias != null && alias.equals(d.challenger()) ? Arm.CHALLENGER : Arm.CHAMPION;
        return new Routed(pinned, arm, alias == null ? d.champion() : alias, null, null, d);
    }

    /** The served model, or 404 for a model the registry does not have, 503 for one with nothing loaded. */
    public ServedModel servedOrFail(String model) {
        ServedModel sm = served.get(model);
        if (sm == null || sm.isEmpty()) {
            if (!served.isKnown(model)) {
                throw InferenceErrors.modelNotFound(model);
            }
            throw InferenceErrors.modelNotReady(model, why(model, deployments.get(model).champion()));
        }
        return sm;
    }

    private String why(String model, String alias) {
        String failure = lifecycle.failure(model, alias).orElse(null);
        return lifecycle.loading(model, alias)
                .map(v -> "version " + v + " of alias '" + alias + "' is loading"
                        + (failure == null ? "" : "; the last attempt was " + failure))
                .orElse(failure != null ? failure : "no version is aliased '" + alias + "' yet");
    }
}
