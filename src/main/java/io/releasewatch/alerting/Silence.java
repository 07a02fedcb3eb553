package io.releasewatch.alerting;

import java.time.Instant;
import java.util.Map;

/**
 * A maintenance window: alerts of the matching rule (or carrying the matching label) between start and end
 * are recorded but not notified.
 */
public record Silence(String id, String rule, String labelKey, String labelValue, Instant startsAt, Instant endsAt,
                      String reason) {
    public boolean matches(String ruleName, Map<String, String> labels, Instant at) {
        if (at.isBefore(startsAt) || !at.isBefore(endsAt)) return false;
        if (rule != null && !rule.equals(ruleName)) return false;
        return labelKey == null || labelValue.equals(labels.get(labelKey));
    }
}
