package io.mlops.cli.autopilot;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which alert autopilot acts on: the newest one still open (its subject not resolved since) that
 * concerns the version serving as champion now. Alerts about older versions are history: the
 * version they blame no longer answers.
 */
public final class OpenAlerts {

    private OpenAlerts() {
    }

    /**
     * @param alerts alerts in any order
     * @param champion the version the champion alias points at
     * @param notBefore alerts raised before this are ignored (e.g. those a previous cycle handled)
     */
    public static Optional<Alert> newestOpen(List<Alert> alerts, int champion, Instant notBefore) {
        Map<String, Alert> latestBySubject = new HashMap<>();
        alerts.stream()
                .filter(a -> a.raisedAt() != null && a.version() == champion)
                .sorted(Comparator.comparing(Alert::raisedAt))
                .forEach(a -> latestBySubject.put(a.subject(), a));
        return latestBySubject.values().stream()
                .filter(Alert::raises)
                .filter(a -> notBefore == null || !a.raisedAt().isBefore(notBefore))
                .max(Comparator.comparing(Alert::raisedAt));
    }
}
