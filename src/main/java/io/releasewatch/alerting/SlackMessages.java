package io.releasewatch.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Renders a notification as a Slack incoming-webhook message: Block Kit blocks plus a plain-text fallback. */
public final class SlackMessages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    // Slack rejects a section text over 3000 characters and a header over 150.
    private static final int MAX_SECTION = 2900;

    public String format(Notification n) {
        ObjectNode msg = JSON.createObjectNode();
        String headline = icon(n) + " " + n.headline();
        msg.put("text", headline + " at " + TIME.format(n.time()));
        ArrayNode blocks = msg.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text").put("text", truncate(headline, 150));

        StringBuilder alerts = new StringBuilder();
        for (Notification.Item i : n.alerts()) {
            alerts.append(n.kind() == Notification.Kind.RESOLVED ? "\u2705 " : "\u2022 ").append("*").append(escape(i.series()))
                    .append("*: ").append(escape(i.summary())).append('\n');
            if (!i.description().isBlank()) alerts.append("    _").append(escape(i.description())).append("_\n");
        }
        section(blocks, alerts.toString());

        if (!n.context().isEmpty() && n.kind() != Notification.Kind.RESOLVED) {
            StringBuilder lines = new StringBuilder();
            for (Notification.Line l : n.context()) {
                lines.append(mark(l.status())).append(" *").append(escape(l.name())).append("*: ")
                        .append(l.status().toUpperCase(Locale.ROOT)).append(" (").append(escape(l.detail())).append(")\n");
            }
            section(blocks, lines.toString());
        }

        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "Severity *" + escape(n.severity()) + "* | rule `" + escape(n.rule()) + "` | phase " + n.phase().number()
                        + " (" + n.phase().label() + ") | " + TIME.format(n.time()));

        if (n.dashboardUrl() != null && !n.dashboardUrl().isBlank()) {
            ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject();
            button.put("type", "button").put("url", n.dashboardUrl());
            button.putObject("text").put("type", "plain_text").put("text", n.kind() == Notification.Kind.RESOLVED ? "Open dashboard" : "Open dashboard to acknowledge");
        }
        return msg.toString();
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        if (mrkdwn.isBlank()) return;
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", truncate(mrkdwn, MAX_SECTION));
    }

    private static String icon(Notification n) {
        if (n.kind() == Notification.Kind.RESOLVED) return "\u2705";
        return switch (n.severity()) {
            case "P0" -> "\uD83D\uDEA8";
            case "P1" -> "\u2757";
            default -> "\u26A0\uFE0F";
        };
    }

    private static String mark(String status) {
        return switch (status) {
            case "ok" -> "\u2705";
            case "warning" -> "\u26A0\uFE0F";
            case "unavailable" -> "\u2754";
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
