package io.releasewatch.checks;

import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.util.List;

/**
 * The result of one run of a scheduled check: its overall status and its records, which the metric pipeline
 * stores, logs and exports, and the alert rules evaluate.
 */
public record CheckRun(String type, Status status, List<MetricRecord> records) {
    public CheckRun {
        records = List.copyOf(records);
    }
}
