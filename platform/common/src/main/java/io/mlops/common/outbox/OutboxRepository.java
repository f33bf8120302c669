package io.mlops.common.outbox;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** SQL for the outbox table; every method expects the caller's transaction. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEvent, Long> {

    /**
     * Takes the relay lock of this schema for the current transaction. Only one replica relays at
     * a time, which is what keeps events in commit order per key across replicas.
     */
    public boolean tryRelayLock() {
        Object locked = getEntityManager()
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext('outbox-relay:' || current_schema()))")
                .getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    public List<OutboxEvent> nextUnsent(int limit) {
        return find("sentAt is null order by id").page(0, limit).list();
    }

    public long countUnsent() {
        return count("sentAt is null");
    }

    public long deleteSentBefore(Instant cutoff) {
        return delete("sentAt is not null and sentAt < ?1", cutoff);
    }
}
