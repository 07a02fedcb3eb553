package io.releasewatch.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Alerts as JSON lines in the data dir: {@code alerts_YYYYMMDD.log} (the file channel) and
 * {@code alerts_undelivered.log} (notifications a channel would not take after its retries).
 */
public final class AlertLog implements OutboxDispatcher.DeadLetters {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    public AlertLog(Path dir) {
        this.dir = dir;
    }

    /** The file channel: one line per notification, in the file of the notification's day. */
    public void append(Notification notification, String json) throws IOException {
        write("alerts_" + DAY.format(notification.time()) + ".log", json);
    }

    @Override
    public void write(String channel, String payload, String reason) {
        try {
            var line = JSON.createObjectNode().put("channel", channel).put("reason", reason);
            line.set("notification", JSON.readTree(payload));
            write("alerts_undelivered.log", line.toString());
        } catch (IOException e) {
            // The notification stays in the outbox either way; losing this copy loses nothing.
            throw new UncheckedIOException("cannot write the dead-letter file: " + e.getMessage(), e);
        }
    }

    private synchronized void write(String file, String line) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
