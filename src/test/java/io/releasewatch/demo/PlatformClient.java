package io.releasewatch.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP calls to a running DemoPlatform, plus a reader for Prometheus text, shared by the tests. */
final class PlatformClient {
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    PlatformClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> get(String path) {
        return send(builder(path).GET().build());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return http.sendAsync(builder(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> post(String path, String json, String bearerToken) {
        return send(builder(path).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearerToken)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> delete(String path) {
        return send(builder(path).DELETE().build());
    }

    HttpResponse<String> method(String method, String path) {
        return send(builder(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One sample line of the text format: name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
        String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    /** Samples of a scrape, keyed by the series text (name plus labels) as it appears on the page. */
    static Map<String, Sample> parse(String exposition) {
        Map<String, Sample> samples = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("not a valid sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                int end = 0;
                while (l.find() && l.start() == end) {
                    labels.put(l.group(1), l.group(2));
                    end = l.end();
                }
                if (end != m.group(2).length()) {
                    throw new AssertionError("bad labels in: " + line);
                }
            }
            String value = m.group(3);
            double v = value.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(value);
            String key = line.substring(0, line.lastIndexOf(' '));
            if (samples.put(key, new Sample(m.group(1), labels, v)) != null) {
                throw new AssertionError("duplicate series: " + key);
            }
        }
        return samples;
    }

    static double sum(Map<String, Sample> samples, String name, Predicate<Sample> filter) {
        return samples.values().stream()
                .filter(s -> s.name().equals(name) && filter.test(s))
                .mapToDouble(Sample::value)
                .sum();
    }

    static double value(Map<String, Sample> samples, String series) {
        Sample s = samples.get(series);
        return s == null ? 0 : s.value();
    }
}
