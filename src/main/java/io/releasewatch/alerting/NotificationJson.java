package io.releasewatch.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releasewatch.clock.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a notification: what the outbox stores, what the alerts log and generic webhook
 * channels receive. Written by hand so the shape is stable and readable by people and jq.
 */
public final class NotificationJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotificationJson() {
    }

    public static String write(Notification n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", n.id()).put("kind", n.kind().name()).put("timestamp", n.time().toString()).put("phase", n.phase().number())
                .put("severity", n.severity()).put("level", n.level()).put("rule", n.rule()).put("title", n.title())
                .put("headline", n.headline());
        if (n.dashboardUrl() != null) o.put("dashboard", n.dashboardUrl());
        ArrayNode alerts = o.putArray("alerts");
        for (Notification.Item i : n.alerts()) {
            ObjectNode a = alerts.addObject().put("id", i.alertId()).put("series", i.series()).put("state", i.state())
                    .put("summary", i.summary()).put("description", i.description());
            if (i.observed() == null) a.putNull("observed");
            else a.put("observed", i.observed());
            ObjectNode labels = a.putObject("labels");
            i.labels().forEach(labels::put);
        }
        ArrayNode context = o.putArray("context");
        for (Notification.Line l : n.context()) context.addObject().put("name", l.name()).put("status", l.status()).put("detail", l.detail());
        return o.toString();
    }

    public static Notification read(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            List<Notification.Item> items = new ArrayList<>();
            for (JsonNode a : o.get("alerts")) {
                Map<String, String> labels = new LinkedHashMap<>();
                a.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                items.add(new Notification.Item(a.get("id").asText(), a.get("series").asText(), a.get("state").asText(),
                        a.get("summary").asText(), a.get("description").asText(),
                        a.get("observed").isNull() ? null : a.get("observed").asDouble(), labels));
            }
            List<Notification.Line> context = new ArrayList<>();
            for (JsonNode l : o.get("context")) {
                context.add(new Notification.Line(l.get("name").asText(), l.get("status").asText(), l.get("detail").asText()));
            }
            return new Notification(o.get("id").asText(), Notification.Kind.valueOf(o.get("kind").asText()),
                    Instant.parse(o.get("timestamp").asText()), Phase.values()[o.get("phase").asInt() - 1],
                    o.get("severity").asText(), o.get("level").asInt(), o.get("rule").asText(), o.get("title").asText(),
                    items, context, o.has("dashboard") ? o.get("dashboard").asText() : null);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a notification: " + e.getMessage(), e);
        }
    }
}
