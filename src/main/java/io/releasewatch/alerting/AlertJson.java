package io.releasewatch.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON shape of an alert, shared by the alert log and any channel that posts alerts as JSON. */
public final class AlertJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertJson() {
    }

    public static ObjectNode toNode(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", a.id()).put("key", a.key()).put("timestamp", a.time().toString())
                .put("phase", a.phase().number()).put("severity", a.severity()).put("source", a.source())
                .put("title", a.title()).put("summary", a.summary());
        ArrayNode lines = n.putArray("lines");
        for (Alert.Line l : a.lines()) {
            lines.addObject().put("name", l.name()).put("status", l.status()).put("detail", l.detail());
        }
        return n;
    }

    public static String toJson(Alert a) {
        return toNode(a).toString();
    }
}
