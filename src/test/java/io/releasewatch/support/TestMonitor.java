package io.releasewatch.support;

import io.releasewatch.ReleaseWatch;
import io.releasewatch.store.MetricStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the real monitor (ReleaseWatch, Camel Main, shipped YAML routes) on free ports with a temp data and
 * config dir, for tests. Properties given by the test override the shipped application.properties.
 */
public final class TestMonitor implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final ReleaseWatch watch;
    public final Path dataDir;
    public final Path configDir;
    public final int httpPort;
    public final int managementPort;

    private TestMonitor(ReleaseWatch watch, Path dataDir, Path configDir, int httpPort, int managementPort) {
        this.watch = watch;
        this.dataDir = dataDir;
        this.configDir = configDir;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    public static TestMonitor start(Path root, Map<String, String> properties) throws Exception {
        return start(root, properties, Clock.systemUTC());
    }

    public static TestMonitor start(Path root, Map<String, String> properties, Clock clock) throws Exception {
        Path dataDir = root.resolve("data");
        Path configDir = root.resolve("config");
        Files.createDirectories(configDir.resolve("routes"));
        int http = freePort();
        int mgmt = freePort();
        Map<String, String> p = new HashMap<>();
        p.put("monitor.http-port", String.valueOf(http));
        p.put("monitor.management-port", String.valueOf(mgmt));
        p.put("monitor.data-dir", dataDir.toString());
        p.putAll(properties);
        ReleaseWatch watch = ReleaseWatch.create(configDir, Map.of(), p, clock);
        watch.start();
        return new TestMonitor(watch, dataDir, configDir, http, mgmt);
    }

    public MetricStore store() {
        return watch.camelContext().getRegistry().lookupByNameAndType("metricStore", MetricStore.class);
    }

    public io.releasewatch.store.AlertStore alertStore() {
        return watch.camelContext().getRegistry().lookupByNameAndType("alertStore", io.releasewatch.store.AlertStore.class);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET().build());
    }

    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> getManagement(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest req) {
        try {
            return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        watch.close();
    }
}
