package io.releasewatch.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;

/** Renders an alert as a Slack incoming-webhook message with Block Kit blocks and a plain-text fallback. */
public final class SlackMessages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    // Slack rejects a section text over 3000 characters and a message over 50 blocks.
    private static final int MAX_SECTION = 2900;

    private final String dashboardUrl;

    public SlackMessages(String dashboardUrl) {
        this.dashboardUrl = dashboardUrl;
    }

    public String format(Alert a) throws JsonProcessingException {
        ObjectNode msg = JSON.createObjectNode();
        msg.put("text", icon(a.severity()) + " " + a.severity() + " " + a.title() + " at " + TIME.format(a.time()));
        ArrayNode blocks = msg.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", truncate(icon(a.severity()) + " " + a.severity() + " " + a.title(), 150));

        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                .put("text", truncate("*" + escape(a.summary()) + "*", MAX_SECTION));

        StringBuilder lines = new StringBuilder();
        for (Alert.Line l : a.lines()) {
            lines.append(mark(l.status())).append(" *").append(escape(l.name())).append("*: ")
                    .append(escape(l.status().toUpperCase())).append(" (").append(escape(l.detail())).append(")\n");
        }
        if (!lines.isEmpty()) {
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", truncate(lines.toString(), MAX_SECTION));
        }

        ArrayNode context = blocks.addObject().put("type", "context").putArray("elements");
        context.addObject().put("type", "mrkdwn").put("text", "Severity *" + escape(a.severity()) + "* | phase " + a.phase().number()
                + " (" + a.phase().label() + ") | " + escape(a.source()) + " | " + TIME.format(a.time()));

        if (dashboardUrl != null && !dashboardUrl.isBlank()) {
            ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject();
            button.put("type", "button").put("url", dashboardUrl);
            button.putObject("text").put("type", "plain_text").put("text", "Open dashboard");
        }
        return JSON.writeValueAsString(msg);
    }

    private static String icon(String severity) {
        return switch (severity) {
            case "P0" -> "\uD83D\uDEA8";
            case "P1" -> "\u2757";
            default -> "\u26A0\uFE0F";
        };
    }

    private static String mark(String status) {
        return switch (status) {
            case "ok" -> "\u2705";
            case "warning" -> "\u26A0\uFE0F";
            default -> "\u274C";
        };
    }

    /** Slack mrkdwn treats &, < and > as control characters. */
    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
