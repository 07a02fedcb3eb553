package io.releasewatch.checks;

import io.releasewatch.alerting.Alert;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.util.List;
import java.util.Optional;

/**
 * The result of one run of a scheduled check: its records (which the metric pipeline stores, logs and
 * exports) and, when the run found something to notify, the alert for the alert route.
 */
public record CheckRun(String type, Status status, List<MetricRecord> records, Alert alert) {
    public CheckRun {
        records = List.copyOf(records);
    }

    public Optional<Alert> alertIfAny() {
        return Optional.ofNullable(alert);
    }

    public boolean hasAlert() {
        return alert != null;
    }
}
