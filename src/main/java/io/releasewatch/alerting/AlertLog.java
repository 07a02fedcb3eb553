package io.releasewatch.alerting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Appends alerts as JSON lines to daily files in the data dir: {@code alerts_YYYYMMDD.log} for every alert,
 * and {@code alerts_undelivered.log} for alerts a channel could not take after its retries.
 */
public final class AlertLog {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private final Path dir;

    public AlertLog(Path dir) {
        this.dir = dir;
    }

    public void append(Alert alert) throws IOException {
        write("alerts_" + DAY.format(alert.time()) + ".log", AlertJson.toJson(alert));
    }

    public void appendUndelivered(Alert alert, String channel, String reason) throws IOException {
        write("alerts_undelivered.log", AlertJson.toNode(alert).put("channel", channel).put("reason", reason).toString());
    }

    private synchronized void write(String file, String line) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
