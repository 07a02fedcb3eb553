package io.releasewatch.dashboard;

import io.releasewatch.alerting.AlertInstance;
import io.releasewatch.alerting.Notification;
import io.releasewatch.alerting.SeverityPolicy;
import io.releasewatch.clock.PhaseChange;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.store.AlertStore;
import io.releasewatch.store.MetricStore;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the health dashboard (guide 4.1) as one self-contained HTML page that refreshes every 60 s. */
public final class DashboardPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ReleaseClock release;
    private final MetricStore store;
    private final AlertStore alerts;
    private final SeverityPolicy policy;
    private final int recentLimit;
    private final String title;

    public DashboardPage(ReleaseClock release, MetricStore store, AlertStore alerts, SeverityPolicy policy, int recentLimit, String title) {
        this.release = release;
        this.store = store;
        this.alerts = alerts;
        this.policy = policy;
        this.recentLimit = recentLimit;
        this.title = title;
    }

    public String render() {
        DashboardView v = DashboardView.read(release, store, alerts, recentLimit);
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"60\">")
                .append("<title>").append(Html.escape(title)).append("</title><style>")
                .append("body{font-family:system-ui,Arial,sans-serif;margin:20px;color:#222}")
                .append("table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}")
                .append(".ok{color:#1a7f37}.warning{color:#b35900}.critical{color:#cf222e;font-weight:bold}.unavailable{color:#777}")
                .append(".card{display:inline-block;border:1px solid #ddd;border-radius:6px;padding:10px 14px;margin:4px;min-width:160px;vertical-align:top}")
                .append(".muted{color:#666;font-size:.85em}</style></head><body>");
        h.append("<h1>").append(Html.escape(title)).append("</h1>");
        h.append("<p id=\"phase\">Phase <strong>").append(v.phase().number()).append(" (").append(v.phase().label())
                .append(")</strong>, ").append(age(v.sinceRelease())).append(" since release at ")
                .append(TIME.format(v.releaseTime())).append(" UTC <span class=\"muted\">(monitor time ")
                .append(TIME.format(v.now())).append(" UTC)</span></p>");

        h.append("<h2>Current status</h2><div id=\"status\">");
        if (v.latestRunByType().isEmpty()) h.append("<p class=\"muted\">No check has run yet.</p>");
        for (Map.Entry<String, MetricRecord> e : v.latestRunByType().entrySet()) {
            MetricRecord run = e.getValue();
            h.append("<div class=\"card\"><strong>").append(Html.escape(e.getKey())).append("</strong>: <span class=\"")
                    .append(run.status().label()).append("\">").append(run.status().name()).append("</span>")
                    .append("<div class=\"muted\">").append(Html.escape(run.details())).append("<br>last run ")
                    .append(TIME.format(run.time())).append("</div><ul>");
            for (MetricRecord r : v.latestByType().getOrDefault(e.getKey(), List.of())) {
                h.append("<li>").append(Html.escape(r.name())).append(": <span class=\"").append(r.status().label()).append("\">")
                        .append(value(r)).append("</span> <span class=\"muted\">").append(Html.escape(r.details())).append("</span></li>");
            }
            h.append("</ul></div>");
        }
        h.append("</div>");

        h.append("<h2>Notifications</h2><ul id=\"notifications\">");
        if (v.notifications().isEmpty()) h.append("<li class=\"muted\">None yet.</li>");
        for (Notification n : v.notifications()) {
            h.append("<li><span class=\"").append(n.kind() == Notification.Kind.RESOLVED ? "ok" : "critical").append("\">")
                    .append(Html.escape(n.headline())).append("</span> <span class=\"muted\">").append(TIME.format(n.time()))
                    .append(" UTC</span></li>");
        }
        h.append("</ul>");

        h.append("<h2>Active alerts</h2>");
        if (v.activeAlerts().isEmpty()) h.append("<p class=\"muted\">No alert is pending or firing.</p>");
        else {
            h.append("<table id=\"active-alerts\"><tr><th>Severity</th><th>State</th><th>Alert</th><th>Since (UTC)</th>")
                    .append("<th>Respond by (UTC)</th><th>Escalation</th><th>Acknowledged</th></tr>");
            for (AlertInstance a : v.activeAlerts()) {
                h.append("<tr><td>").append(Html.escape(a.severity())).append("</td><td class=\"")
                        .append(a.state() == AlertInstance.State.FIRING ? "critical" : "warning").append("\">")
                        .append(a.state().name().toLowerCase(Locale.ROOT)).append(a.silenced() ? " (silenced)" : "").append("</td><td>")
                        .append(Html.escape(a.summary())).append("<div class=\"muted\">").append(Html.escape(a.rule())).append(" on ")
                        .append(Html.escape(a.series())).append("</div></td><td>")
                        .append(TIME.format(a.firedAt() != null ? a.firedAt() : a.pendingSince())).append("</td><td>")
                        .append(a.firedAt() == null || a.acknowledged() ? ""
                                : TIME.format(a.firedAt().plus(policy.level(a.severity()).responseTime())))
                        .append("</td><td>").append(a.escalationLevel() == 0 ? "" : "level " + a.escalationLevel()).append("</td><td>");
                if (a.acknowledged()) {
                    h.append("by ").append(Html.escape(a.ackedBy())).append(" at ").append(TIME.format(a.ackedAt()));
                } else if (a.state() == AlertInstance.State.FIRING) {
                    h.append("<form method=\"post\" action=\"/api/alerts/").append(Html.escape(a.id()))
                            .append("/ack\"><button type=\"submit\">Acknowledge</button></form>");
                }
                h.append("</td></tr>");
            }
            h.append("</table>");
        }

        h.append("<h2>Alert history</h2>");
        if (v.recentAlerts().isEmpty()) h.append("<p class=\"muted\">No alerts.</p>");
        else {
            h.append("<table id=\"alerts\"><tr><th>Fired (UTC)</th><th>Severity</th><th>Alert</th><th>State</th></tr>");
            for (AlertInstance a : v.recentAlerts()) {
                h.append("<tr><td>").append(TIME.format(a.firedAt())).append("</td><td>").append(Html.escape(a.severity()))
                        .append("</td><td>").append(Html.escape(a.summary())).append("<div class=\"muted\">")
                        .append(Html.escape(a.description())).append("</div></td><td>").append(a.state().name().toLowerCase(Locale.ROOT))
                        .append(a.resolvedAt() == null ? "" : " at " + TIME.format(a.resolvedAt())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<h3>Alert events</h3><ul id=\"alert-events\">");
        for (AlertStore.Event e : v.alertEvents()) {
            h.append("<li>").append(TIME.format(e.at())).append(" UTC ").append(Html.escape(e.kind())).append(": ")
                    .append(Html.escape(e.detail())).append("</li>");
        }
        h.append("</ul>");

        h.append("<h2>Phase changes</h2><ul id=\"phases\">");
        for (PhaseChange c : v.phaseChanges()) {
            h.append("<li>").append(TIME.format(c.at())).append(" UTC: ").append(Html.escape(c.describe())).append("</li>");
        }
        h.append("</ul>");

        h.append("<h2>Recent results (last 24 h, newest first, at most ").append(recentLimit).append(")</h2>")
                .append("<table id=\"recent\"><tr><th>Time (UTC)</th><th>Phase</th><th>Type</th><th>Metric</th><th>Value</th><th>Status</th><th>Details</th></tr>");
        for (MetricRecord r : v.recent()) {
            h.append("<tr><td>").append(TIME.format(r.time())).append("</td><td>").append(r.phase().number())
                    .append("</td><td>").append(Html.escape(r.type())).append("</td><td>").append(Html.escape(r.name()))
                    .append("</td><td>").append(value(r)).append("</td><td class=\"").append(r.status().label()).append("\">")
                    .append(r.status().label()).append("</td><td>").append(Html.escape(r.details())).append("</td></tr>");
        }
        h.append("</table><p class=\"muted\">JSON: <a href=\"/api/status\">/api/status</a></p></body></html>");
        return h.toString();
    }

    private static String value(MetricRecord r) {
        return r.value() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", r.value());
    }

    static String age(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        return minutes >= 60 ? (minutes / 60) + " h " + (minutes % 60) + " min" : minutes + " min";
    }
}
