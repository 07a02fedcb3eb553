package io.releasewatch.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releasewatch.alerting.AlertInstance;
import io.releasewatch.clock.PhaseChange;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.config.ConfigReader;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.store.AlertStore;
import io.releasewatch.store.MetricStore;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;

/** The JSON side of the dashboard: {@code GET /api/status} and {@code POST /api/releases}. */
public final class StatusApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReleaseClock release;
    private final MetricStore store;
    private final AlertStore alertStore;
    private final int recentLimit;
    private final Runnable onNewRelease;

    public StatusApi(ReleaseClock release, MetricStore store, AlertStore alertStore, int recentLimit, Runnable onNewRelease) {
        this.release = release;
        this.store = store;
        this.alertStore = alertStore;
        this.recentLimit = recentLimit;
        this.onNewRelease = onNewRelease;
    }

    public String status() throws Exception {
        DashboardView v = DashboardView.read(release, store, alertStore, recentLimit);
        ObjectNode root = JSON.createObjectNode();
        root.put("now", v.now().toString());
        root.put("releaseTime", v.releaseTime().toString());
        root.put("secondsSinceRelease", v.sinceRelease().toSeconds());
        root.putObject("phase").put("number", v.phase().number()).put("name", v.phase().label());
        ObjectNode checks = root.putObject("checks");
        v.latestRunByType().forEach((type, run) -> {
            ObjectNode c = checks.putObject(type);
            c.put("status", run.status().label()).put("time", run.time().toString()).put("details", run.details());
            ArrayNode signals = c.putArray("signals");
            v.latestByType().getOrDefault(type, java.util.List.of()).forEach(r -> signals.add(record(r)));
        });
        ArrayNode recent = root.putArray("recent");
        v.recent().forEach(r -> recent.add(record(r)));
        ArrayNode phases = root.putArray("phaseChanges");
        for (PhaseChange c : v.phaseChanges()) {
            phases.addObject().put("time", c.at().toString()).put("from", c.from() == null ? null : c.from().number())
                    .put("to", c.to().number()).put("description", c.describe());
        }
        ArrayNode alerts = root.putArray("activeAlerts");
        for (AlertInstance a : v.activeAlerts()) alerts.add(alert(a));
        ArrayNode history = root.putArray("alertHistory");
        for (AlertInstance a : v.recentAlerts()) history.add(alert(a));
        return JSON.writeValueAsString(root);
    }

    /**
     * Declares a new release. Body: empty (the release is now) or {@code {"releaseTime": "ISO-8601"}}.
     * Answers 201 with the release, or 400 naming what is wrong.
     */
    public String declareRelease(Exchange exchange) throws Exception {
        if (AlertApi.isForm(exchange)) return AlertApi.jsonRequired(exchange);
        String body = exchange.getMessage().getBody(String.class);
        Instant time;
        try {
            Optional<String> given = Optional.empty();
            if (body != null && !body.isBlank()) {
                var node = JSON.readTree(body);
                if (!node.isObject()) throw new IllegalArgumentException("body must be a JSON object like {\"releaseTime\": \"2026-12-03T09:00:00Z\"}");
                if (node.has("releaseTime")) given = Optional.of(node.get("releaseTime").asText());
            }
            String value = given.orElse(null);
            time = value == null ? release.now() : ConfigReader.parseInstant(value).orElseThrow(() -> new IllegalArgumentException(
                    "releaseTime '" + value + "' is not an ISO-8601 time with offset (e.g. 2026-12-03T09:00:00Z)"));
        } catch (Exception e) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return JSON.writeValueAsString(java.util.Map.of("error", reason));
        }
        release.declareRelease(time, "api");
        onNewRelease.run();
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        return JSON.writeValueAsString(java.util.Map.of("releaseTime", time.toString(),
                "phase", release.currentPhase().number()));
    }

    static ObjectNode alert(AlertInstance a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", a.id()).put("rule", a.rule()).put("series", a.series()).put("severity", a.severity())
                .put("state", a.state().name().toLowerCase(java.util.Locale.ROOT)).put("summary", a.summary())
                .put("pendingSince", a.pendingSince().toString())
                .put("firedAt", a.firedAt() == null ? null : a.firedAt().toString())
                .put("resolvedAt", a.resolvedAt() == null ? null : a.resolvedAt().toString())
                .put("acknowledgedBy", a.ackedBy()).put("acknowledgedAt", a.ackedAt() == null ? null : a.ackedAt().toString())
                .put("escalationLevel", a.escalationLevel()).put("silenced", a.silenced());
        return n;
    }

    private static ObjectNode record(MetricRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", r.time().toString()).put("phase", r.phase().number()).put("type", r.type()).put("name", r.name());
        if (r.value() == null) n.putNull("value");
        else n.put("value", r.value());
        n.put("status", r.status().label()).put("details", r.details());
        return n;
    }
}
