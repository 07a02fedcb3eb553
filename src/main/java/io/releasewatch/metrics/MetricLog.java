package io.releasewatch.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends every metric record as one JSON line to a daily file per check type in the data dir
 * ({@code golden_signals_20261203.log}, as the guide names them), for grep, jq and log shippers.
 */
public final class MetricLog implements AutoCloseable {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    // One open writer per file: opening a file per record would dominate the cost at high check rates.
    private final Map<String, Writer> open = new LinkedHashMap<>();

    public MetricLog(Path dir) {
        this.dir = dir;
    }

    public synchronized void appendAll(List<MetricRecord> records) throws IOException {
        for (MetricRecord r : records) {
            String file = r.type() + "_" + DAY.format(r.time()) + ".log";
            writer(file).write(toJson(r) + "\n");
        }
        for (Writer w : open.values()) w.flush();
    }

    static String toJson(MetricRecord r) throws JsonProcessingException {
        ObjectNode n = JSON.createObjectNode();
        n.put("timestamp", r.time().toString());
        n.put("phase", r.phase().number());
        n.put("type", r.type());
        n.put("name", r.name());
        if (r.value() == null) n.putNull("value");
        else n.put("value", r.value());
        n.put("status", r.status().label());
        n.put("details", r.details());
        return JSON.writeValueAsString(n);
    }

    private Writer writer(String file) throws IOException {
        Writer w = open.get(file);
        if (w != null) return w;
        String type = file.substring(0, file.lastIndexOf('_'));
        // A new day for this type: close yesterday's file.
        open.entrySet().removeIf(e -> {
            if (!e.getKey().startsWith(type + "_")) return false;
            try {
                e.getValue().close();
            } catch (IOException ignored) {
                // the day's data was flushed after the last batch
            }
            return true;
        });
        Files.createDirectories(dir);
        w = Files.newBufferedWriter(dir.resolve(file), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        open.put(file, w);
        return w;
    }

    @Override
    public synchronized void close() throws IOException {
        for (Writer w : open.values()) w.close();
        open.clear();
    }
}
