package io.mlops.features.ingest.service;

import io.mlops.events.features.PushTarget;
import io.mlops.features.view.service.ViewSchema;
import java.util.List;

/** Validated rows for one view and where they go. */
public record ViewBatch(ViewSchema view, PushTarget to, List<ValidatedRow> rows) {

    public boolean online() {
        return to != PushTarget.OFFLINE;
    }

    public boolean offline() {
        return to != PushTarget.ONLINE;
    }
}
