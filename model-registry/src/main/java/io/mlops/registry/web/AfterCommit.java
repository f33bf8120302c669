package io.mlops.registry.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

/**
 * Runs side effects that must not happen for a rolled-back change, such as counting a new version
 * or deleting an artifact file, once the current transaction has committed.
 */
@ApplicationScoped
public class AfterCommit {

    private static final Logger LOG = Logger.getLogger(AfterCommit.class);

    private final TransactionSynchronizationRegistry registry;

    public AfterCommit(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    public void run(Runnable action) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "An after-commit action failed; the committed change stands");
                    }
                }
            }
        });
    }

    /**
     * Runs {@code action} only if the current transaction is known to have rolled back, e.g. to
     * remove a file written for it. Not when the outcome is unknown (the connection was lost during
     * the commit, which PostgreSQL may have completed): a file a committed row points to must stay.
     */
    public void onRollback(Runnable action) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_ROLLEDBACK) {
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "An after-rollback action failed");
                    }
                }
            }
        });
    }
}
