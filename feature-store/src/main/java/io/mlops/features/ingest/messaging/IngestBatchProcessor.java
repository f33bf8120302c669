package io.mlops.features.ingest.messaging;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.common.kafka.DeadLetterWriter;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventJson;
import io.mlops.events.EventType;
import io.mlops.events.InvalidEventException;
import io.mlops.events.Topics;
import io.mlops.events.features.FeatureRows;
import io.mlops.events.features.PushTarget;
import io.mlops.features.ingest.service.CurrentSchemaValidation;
import io.mlops.features.ingest.service.FeatureWriter;
import io.mlops.features.ingest.service.ValidatedRow;
import io.mlops.features.ingest.service.ViewBatch;
import io.mlops.features.jdbc.SqlFailures;
import io.mlops.features.metrics.FeatureMetrics;
import io.mlops.features.online.messaging.WriteOrigin;
import io.mlops.features.view.service.ViewCatalog;
import io.mlops.features.view.service.ViewHistory;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * Turns one poll of the ingest topic into one database transaction. Each record is decoded and
 * validated exactly like a push; a record that can never succeed goes to the dead-letter topic and
 * the rest are written. Returning normally means every record is either committed to PostgreSQL or
 * acknowledged by the dead-letter topic, so the caller may commit the offsets. A transient failure
 * (database or broker down) is thrown, and the caller retries the whole poll: writes are
 * idempotent, so a replay changes nothing.
 */
@ApplicationScoped
public class IngestBatchProcessor {

    private static final Logger LOG = Logger.getLogger(IngestBatchProcessor.class);
    private static final long DLQ_ACK_TIMEOUT_SECONDS = 15;

    /** A record that can never be ingested, and why (the reason is a bounded metric tag). */
    static final class Rejected extends Exception {
        final String reason;

        Rejected(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private record Decoded(ConsumerRecord<byte[], byte[]> record, ViewBatch batch, WriteOrigin origin) {
    }

    private final ViewCatalog catalog;
    private final CurrentSchemaValidation validation;
    private final FeatureWriter writer;
    private final DeadLetterWriter deadLetters;
    private final FeatureMetrics metrics;

    public IngestBatchProcessor(ViewCatalog catalog, CurrentSchemaValidation validation, FeatureWriter writer,
                                DeadLetterWriter deadLetters, FeatureMetrics metrics) {
        this.catalog = catalog;
        this.validation = validation;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    public void process(ConsumerRecords<byte[], byte[]> records) {
        List<Decoded> good = new ArrayList<>(records.count());
        List<Future<?>> acks = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                good.add(decode(record));
            } catch (Rejected r) {
                LOG.debugf("Dead-lettering %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(),
                        r.reason, r.getMessage());
                acks.add(deadLetter(record, r.reason, r.getMessage()));
            } catch (RuntimeException e) {
                // Only a passing failure may hold the partition back (the poll is read again); a
                // record that fails for itself would fail on every retry and stop its partition.
                if (databaseTrouble(e)) {
                    throw e;
                }
                LOG.warnf("Dead-lettering %s-%d@%d, which could not be read: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                acks.add(deadLetter(record, "invalid_event", "could not be read: " + e.getMessage()));
            }
        }
        write(good, acks);
        awaitAll(acks);
    }

    private void write(List<Decoded> good, List<Future<?>> acks) {
        if (good.isEmpty()) {
            return;
        }
        try {
            writeMerged(good);
        } catch (RuntimeException e) {
            if (SqlFailures.isTransient(e)) {
                throw e;
            }
            LOG.warnf("A batch of %d events failed to write (%s); writing them one by one", good.size(), e.getMessage());
            for (Decoded d : good) {
                try {
                    writer.write(List.of(d.batch()), d.origin(), FeatureMetrics.PATH_STREAM);
                } catch (RuntimeException single) {
                    if (SqlFailures.isTransient(single)) {
                        throw single;
                    }
                    acks.add(deadLetter(d.record(), "write_failed", "could not be written: " + single.getMessage()));
                }
            }
        }
    }

    /** Whether some (view, key, event time) has rows in two groups, whose write order would then matter. */
    private static boolean oneRowInTwoGroups(Collection<List<Decoded>> groups) {
        Map<String, Integer> groupOf = new HashMap<>();
        int group = 0;
        for (List<Decoded> members : groups) {
            for (Decoded d : members) {
                for (ValidatedRow row : d.batch().rows()) {
                    Integer earlier = groupOf.putIfAbsent(d.batch().view().name() + "\n" + row.entityKey() + "\n"
                            + row.eventTs(), group);
                    if (earlier != null && earlier != group) {
                        return true;
                    }
                }
            }
            group++;
        }
        return false;
    }

    /**
     * Rows of the same view, target and actor go in one statement; that is what makes small events
     * cheap. A merged write keeps a trace context only if all its events share it.
     */
    private void writeMerged(List<Decoded> good) {
        Map<String, List<Decoded>> groups = good.stream().collect(Collectors.groupingBy(
                d -> d.batch().view() + "\n" + d.batch().to() + "\n" + d.origin().actor(), LinkedHashMap::new, Collectors.toList()));
        WriteOrigin origin = null;
        for (Decoded d : good) {
            origin = origin == null ? d.origin() : merge(origin, d.origin());
        }
        if (groups.size() > 1 && oneRowInTwoGroups(groups.values())) {
            // At the same event time the later record wins (a correction); merged groups are written
            // in lock order, not offset order, so these events are written as they came, still in
            // one transaction (a replay after a partial write could otherwise undo the correction).
            writer.writeInOrder(good.stream().map(Decoded::batch).toList(), origin, FeatureMetrics.PATH_STREAM);
            return;
        }
        List<ViewBatch> merged = new ArrayList<>(groups.size());
        for (List<Decoded> group : groups.values()) {
            List<ValidatedRow> rows = new ArrayList<>();
            for (Decoded d : group) {
                rows.addAll(d.batch().rows());
            }
            ViewBatch first = group.get(0).batch();
            merged.add(new ViewBatch(first.view(), first.to(), rows));
        }
        writer.write(merged, origin, FeatureMetrics.PATH_STREAM);
    }

    private static WriteOrigin merge(WriteOrigin a, WriteOrigin b) {
        return new WriteOrigin(a.actor().equals(b.actor()) ? a.actor() : "stream",
                Objects.equals(a.traceparent(), b.traceparent()) ? a.traceparent() : null);
    }

    private Decoded decode(ConsumerRecord<byte[], byte[]> record) throws Rejected {
        CloudEvent<FeatureRows> event;
        try {
            event = EventJson.fromBytes(record.value(), FeatureRows.class);
        } catch (InvalidEventException e) {
            throw new Rejected("invalid_event", e.getMessage());
        }
        if (!EventType.FEATURE_ROWS.type().equals(event.type())) {
            throw new Rejected("unexpected_type", "type '" + event.type() + "' is not " + EventType.FEATURE_ROWS.type());
        }
        FeatureRows data = event.data();
        if (data.featureView() == null || data.rows() == null) {
            throw new Rejected("invalid_event", "data.featureView and data.rows are required");
        }
        ViewHistory view = catalog.find(data.featureView());
        if (view == null) {
            throw new Rejected("unknown_view", "feature view '" + data.featureView() + "' does not exist");
        }
        CurrentSchemaValidation.Validated validated;
        try {
            validated = validation.validate(view, data.rows());
        } catch (PlatformException e) {
            String reason = e.code() == ErrorCode.PAYLOAD_TOO_LARGE ? "too_large" : "schema_violation";
            throw new Rejected(reason, describe(e));
        }
        PushTarget to = data.to() == null ? PushTarget.ONLINE : data.to();
        return new Decoded(record, new ViewBatch(validated.schema(), to, validated.rows()),
                new WriteOrigin(event.actor(), event.traceparent()));
    }

    /** Sends to {@code mlops.features.ingest.dlq.v1}, counted by reason in {@code mlops_features_dlq_total}. */
    private Future<?> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, String error) {
        Future<?> ack = deadLetters.send(Topics.FEATURES_INGEST_DLQ, record, error == null ? reason : error);
        metrics.deadLettered(reason);
        return ack;
    }

    private static String describe(PlatformException e) {
        StringBuilder out = new StringBuilder(e.code().name()).append(": ").append(e.getMessage());
        for (FieldError error : e.errors()) {
            if (out.length() > DeadLetterWriter.MAX_ERROR_LENGTH) {
                break;
            }
            out.append("; ").append(error.field()).append(' ').append(error.message());
        }
        return out.toString();
    }

    /** A database failure that may pass (connection lost, timeout), as opposed to one this record causes. */
    private static boolean databaseTrouble(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return SqlFailures.isTransient(e);
            }
        }
        return false;
    }

    private static void awaitAll(List<Future<?>> acks) {
        for (Future<?> ack : acks) {
            try {
                ack.get(DLQ_ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while dead-lettering", e);
            } catch (Exception e) {
                throw new IllegalStateException("The dead-letter topic did not acknowledge: " + e.getMessage(), e);
            }
        }
    }
}
