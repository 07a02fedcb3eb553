package io.releasewatch.alerting;

import io.releasewatch.clock.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message to the channels: alerts of one rule that fired (or resolved, were escalated, or are still
 * firing) in the same evaluation, grouped so five endpoints down make one message, not five.
 *
 * @param level   escalation level for ESCALATION notifications, else 0
 * @param alerts  the alert instances this message is about
 * @param context related results for people, e.g. every endpoint of the failing health run
 */
public record Notification(String id, Kind kind, Instant time, Phase phase, String severity, int level, String rule,
                           String title, List<Item> alerts, List<Line> context, String dashboardUrl) {
    public enum Kind { FIRING, RESOLVED, REMINDER, ESCALATION }

    public Notification {
        alerts = List.copyOf(alerts);
        context = List.copyOf(context);
    }

    /** One alert instance: a rule that matched one series. */
    public record Item(String alertId, String series, String state, String summary, String description, Double observed,
                       Map<String, String> labels) {
        public Item {
            labels = Map.copyOf(labels);
        }
    }

    /** A related result: name, status, what was observed. */
    public record Line(String name, String status, String detail) {
    }

    public String headline() {
        String what = switch (kind) {
            case FIRING -> "";
            case RESOLVED -> "RESOLVED: ";
            case REMINDER -> "STILL FIRING: ";
            case ESCALATION -> "ESCALATED (level " + level + "): ";
        };
        return severity + " " + what + title + (alerts.size() > 1 ? " (" + alerts.size() + " alerts)" : "");
    }
}
