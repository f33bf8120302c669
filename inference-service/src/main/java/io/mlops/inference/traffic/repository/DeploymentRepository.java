package io.mlops.inference.traffic.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;

/** SQL for stored deployments; every method expects the caller's transaction. */
@ApplicationScoped
public class DeploymentRepository implements PanacheRepositoryBase<DeploymentEntity, String> {

    /**
     * The model's row, locked for update; created first (at revision 0, champion only) if the model
     * has none. Two first writes of one model thus queue on the row instead of both inserting and
     * one failing on the primary key: the second waits for the first to commit, then updates it.
     */
    public DeploymentEntity lockOrCreate(String model, String champion, String actor) {
        getEntityManager().createNativeQuery("INSERT INTO {h-schema}deployment (model, champion, challenger_percent,"
                        + " shadow, revision, updated_at, updated_by) VALUES (?1, ?2, 0, false, 0, ?3, ?4)"
                        + " ON CONFLICT (model) DO NOTHING")
                .setParameter(1, model)
                .setParameter(2, champion)
                .setParameter(3, Instant.now())
                .setParameter(4, actor)
                .executeUpdate();
        return findById(model, LockModeType.PESSIMISTIC_WRITE);
    }
}
