package io.mlops.features.online.messaging;

import io.mlops.common.outbox.Outbox;
import io.mlops.events.CloudEvent;
import io.mlops.events.EventType;
import io.mlops.events.Sources;
import io.mlops.events.Topics;
import io.mlops.events.features.OnlineUpdated;
import io.mlops.features.view.service.EntityKeys;
import io.mlops.features.view.service.ViewSchema;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Announces changed online keys on {@code mlops.features.updates.v1} through the outbox: the event
 * is written in the same transaction as the rows and published only after they commit, so no
 * replica can refresh its cache before the new value is readable.
 */
@ApplicationScoped
public class OnlineUpdatePublisher {

    /** Keys per event: keeps events small however large a batch or materialization is. */
    static final int KEYS_PER_EVENT = 500;

    private final Outbox outbox;

    public OnlineUpdatePublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Must run inside the transaction that changed the rows. */
    public void changed(ViewSchema view, List<String> storedKeys, WriteOrigin origin) {
        for (int from = 0; from < storedKeys.size(); from += KEYS_PER_EVENT) {
            List<String> chunk = storedKeys.subList(from, Math.min(storedKeys.size(), from + KEYS_PER_EVENT));
            List<Object> keys = new ArrayList<>(chunk.size());
            for (String key : chunk) {
                keys.add(EntityKeys.toEventKey(view.joinKeys(), key));
            }
            CloudEvent<OnlineUpdated> event = CloudEvent.of(Sources.FEATURE_STORE, EventType.ONLINE_UPDATED,
                    view.name(), origin.actor(), new OnlineUpdated(view.name(), keys))
                    .withTraceparent(origin.traceparent());
            outbox.append(Topics.FEATURES_UPDATES, view.name(), event);
        }
    }
}
