package io.mlops.infra.kafka;

import io.mlops.infra.InfraStartException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics that do not exist yet; existing ones are left as they are, so it is safe on
 * every start. Retries until the deadline because a KRaft broker may answer metadata requests a
 * moment before it is registered and able to host replicas.
 */
final class TopicCreator {

    static final short REPLICATION_FACTOR = 1;

    private static final long CALL_TIMEOUT_MILLIS = 5_000;
    private static final long RETRY_PAUSE_MILLIS = 200;

    private TopicCreator() {
    }

    static void ensure(Admin admin, Collection<String> topics, int partitions, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure;
        do {
            try {
                if (createMissing(admin, topics, partitions)) {
                    return;
                }
                lastFailure = new TopicExistsException("a topic was created concurrently; checking again");
            } catch (ExecutionException | TimeoutException e) {
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfraStartException("Interrupted while creating Kafka topics", e);
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new InfraStartException("Could not create Kafka topics " + topics + " within " + timeout.toSeconds()
                + " s: " + lastFailure.getMessage(), lastFailure);
    }

    /** True when every topic exists afterwards; false when someone else created one meanwhile. */
    private static boolean createMissing(Admin admin, Collection<String> topics, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        List<NewTopic> missing = topics.stream()
                .filter(t -> !existing.contains(t))
                .map(t -> new NewTopic(t, partitions, REPLICATION_FACTOR))
                .toList();
        if (missing.isEmpty()) {
            return true;
        }
        try {
            admin.createTopics(missing).all().get(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraStartException("Interrupted while creating Kafka topics", e);
        }
    }
}
