package io.releasewatch.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releasewatch.alerting.AlertEngine;
import io.releasewatch.alerting.AlertInstance;
import io.releasewatch.alerting.Silence;
import io.releasewatch.alerting.Silences;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.config.ConfigReader;
import io.releasewatch.store.AlertStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;

/**
 * The alert API: list alerts, acknowledge one ({@code POST /api/alerts/{id}/ack}, also the dashboard's button),
 * and list or add silences ({@code /api/silences}).
 */
public final class AlertApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertEngine engine;
    private final AlertStore store;
    private final Silences silences;
    private final ReleaseClock release;

    public AlertApi(AlertEngine engine, AlertStore store, Silences silences, ReleaseClock release) {
        this.engine = engine;
        this.store = store;
        this.silences = silences;
        this.release = release;
    }

    public String alerts() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode active = root.putArray("active");
        engine.activeAlerts().forEach(a -> active.add(StatusApi.alert(a)));
        ArrayNode history = root.putArray("history");
        store.recentInstances(50).forEach(a -> history.add(StatusApi.alert(a)));
        ArrayNode events = root.putArray("events");
        store.recentEvents(50).forEach(e -> events.addObject().put("alertId", e.alertId()).put("time", e.at().toString())
                .put("kind", e.kind()).put("detail", e.detail()));
        return root.toString();
    }

    /**
     * Body (optional): {@code {"by": "alice"}}. A browser form post (the dashboard button) is sent back to the
     * dashboard; API callers get the alert as JSON, or 404.
     */
    public String acknowledge(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        String by = "dashboard";
        String body = exchange.getMessage().getBody(String.class);
        if (body != null && body.trim().startsWith("{")) {
            JsonNode node = JSON.readTree(body);
            if (node.hasNonNull("by")) by = node.get("by").asText();
        }
        Optional<AlertInstance> acked = engine.acknowledge(id, by);
        if (acked.isEmpty()) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            return JSON.writeValueAsString(Map.of("error", "no alert with id " + id));
        }
        if (isForm(exchange)) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 303);
            exchange.getMessage().setHeader("Location", "/");
            return "";
        }
        return StatusApi.alert(acked.get()).toString();
    }

    public String silences() {
        ArrayNode out = JSON.createArrayNode();
        for (Silence s : silences.all()) {
            out.addObject().put("id", s.id()).put("rule", s.rule()).put("label", s.labelKey() == null ? null : s.labelKey() + "=" + s.labelValue())
                    .put("startsAt", s.startsAt().toString()).put("endsAt", s.endsAt().toString()).put("reason", s.reason());
        }
        return out.toString();
    }

    /**
     * Body: {@code {"rule": "high-latency"}} and/or {@code {"label": "team=web"}}, with {@code "endsAt"} (ISO-8601) or
     * {@code "duration"} (e.g. "2h"), optional {@code "startsAt"} (default now) and {@code "reason"}.
     */
    public String addSilence(Exchange exchange) throws Exception {
        if (isForm(exchange)) return jsonRequired(exchange);
        try {
            JsonNode n = JSON.readTree(Optional.ofNullable(exchange.getMessage().getBody(String.class)).orElse(""));
            if (n == null || !n.isObject()) throw new IllegalArgumentException("body must be a JSON object");
            String rule = text(n, "rule");
            String label = text(n, "label");
            if (rule == null && label == null) throw new IllegalArgumentException("give a rule and/or a label (key=value)");
            String key = null;
            String value = null;
            if (label != null) {
                int eq = label.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("label '" + label + "' must look like key=value");
                key = label.substring(0, eq).trim();
                value = label.substring(eq + 1).trim();
            }
            Instant starts = time(n, "startsAt").orElse(release.now());
            Instant ends = time(n, "endsAt").orElseGet(() -> {
                String d = text(n, "duration");
                if (d == null) throw new IllegalArgumentException("give endsAt (ISO-8601) or duration (e.g. 2h)");
                Duration length = ConfigReader.parseDuration(d)
                        .orElseThrow(() -> new IllegalArgumentException("duration '" + d + "' is not a duration (e.g. 30m, 2h)"));
                return starts.plus(length);
            });
            if (!ends.isAfter(starts)) throw new IllegalArgumentException("the silence must end after it starts");
            Silence s = silences.add(new Silence(UUID.randomUUID().toString(), rule, key, value, starts, ends,
                    Optional.ofNullable(text(n, "reason")).orElse("")));
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
            return JSON.writeValueAsString(Map.of("id", s.id(), "startsAt", s.startsAt().toString(), "endsAt", s.endsAt().toString()));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            return JSON.writeValueAsString(Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /**
     * A form post: the dashboard's button. The HTTP server does not pass form bodies on, so a JSON body sent
     * as a form (curl -d without a Content-Type) would silently arrive empty.
     */
    static boolean isForm(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class).startsWith("application/x-www-form-urlencoded");
    }

    static String jsonRequired(Exchange exchange) throws Exception {
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 415);
        return JSON.writeValueAsString(Map.of("error", "send the body as JSON with the header Content-Type: application/json"));
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static Optional<Instant> time(JsonNode n, String field) {
        String t = text(n, field);
        if (t == null) return Optional.empty();
        return Optional.of(ConfigReader.parseInstant(t)
                .orElseThrow(() -> new IllegalArgumentException(field + " '" + t + "' is not an ISO-8601 time with offset")));
    }
}
