package io.releasewatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releasewatch.support.TestMonitor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built fat jar ({@code mvn verify}; failsafe passes its path as {@code releasewatch.jar}), run the way an
 * operator runs it: {@code java -jar release-watch.jar} in a fresh working directory, configured by environment
 * variables. The classpath tests cannot catch what only the jar gets wrong (lost service files, resources).
 */
class JarIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path workDir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Path jar() {
        String jar = System.getProperty("releasewatch.jar");
        assertThat(jar).as("system property releasewatch.jar (set by failsafe)").isNotBlank();
        assertThat(Path.of(jar)).exists();
        return Path.of(jar);
    }

    private Process startJar(Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString())
                .directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.log").toFile())
                .redirectError(workDir.resolve("stderr.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("MONITOR_"));
        pb.environment().putAll(env);
        process = pb.start();
        return process;
    }

    private String stdout() throws IOException {
        Path f = workDir.resolve("stdout.log");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    private List<String> stderrLines() throws IOException {
        return Files.readAllLines(workDir.resolve("stderr.log"), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jarStartsInAFreshDirectoryAndServesTheDashboardAndStatusApi() throws Exception {
        int http = TestMonitor.freePort();
        Path data = workDir.resolve("data-dir");
        startJar(Map.of(
                "MONITOR_HTTP_PORT", String.valueOf(http),
                "MONITOR_MANAGEMENT_PORT", String.valueOf(TestMonitor.freePort()),
                "MONITOR_DEMO_PORT", String.valueOf(TestMonitor.freePort()),
                "MONITOR_DATA_DIR", data.toString()));

        // The dashboard and the API answering also prove the fat jar kept Camel's type converters: every Camel jar
        // ships its own META-INF/services/.../TypeConverterLoader, and a jar that kept only one of them starts
        // without complaint and then fails converting the beans' results into the HTTP response.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            assertThat(process.isAlive()).as("jar process alive; its output:\n%s", stdout()).isTrue();
            HttpResponse<String> page = get(http, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
            assertThat(page.body()).contains("<html").contains("Release Watch");
        });
        HttpResponse<String> status = get(http, "/api/status");
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.body());
        assertThat(json.path("phase").path("number").asInt()).isBetween(1, 4);
        assertThat(json.path("phase").path("name").asText()).isNotBlank();

        assertThat(data.resolve("release-watch.db")).exists();
        // It created the (empty) operator route folder it watches, in the default config dir.
        assertThat(workDir.resolve("config/routes")).isDirectory();
    }

    @Test
    void badValueExitsWithCode2AndOneLineNamingTheKeyAndVariable() throws Exception {
        startJar(Map.of(
                "MONITOR_RELEASE_TIME", "yesterday",
                "MONITOR_HTTP_PORT", String.valueOf(TestMonitor.freePort()),
                "MONITOR_MANAGEMENT_PORT", String.valueOf(TestMonitor.freePort()),
                "MONITOR_DEMO_PORT", String.valueOf(TestMonitor.freePort()),
                "MONITOR_DATA_DIR", workDir.resolve("data").toString()));
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("jar exits").isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderrLines()).singleElement().asString()
                .contains("monitor.release-time")
                .contains("MONITOR_RELEASE_TIME")
                .contains("yesterday")
                .contains("ISO-8601");
    }

    @Test
    void invalidRouteFileExitsWithCode2AndOneLineNamingTheFileAndLine() throws Exception {
        Path routes = Files.createDirectories(workDir.resolve("config/routes"));
        Files.writeString(routes.resolve("broken-probe.yaml"), String.join("\n",
                "- route:",
                "    id: broken-probe",
                "    from:",
                "      uri: timer:broken",
                "   steps:",
                "        - log: hello",
                ""));
        startJar(Map.of(
                "MONITOR_HTTP_PORT", String.valueOf(TestMonitor.freePort()),
                "MONITOR_MANAGEMENT_PORT", String.valueOf(TestMonitor.freePort()),
                "MONITOR_DEMO_PORT", String.valueOf(TestMonitor.freePort()),
                "MONITOR_DATA_DIR", workDir.resolve("data").toString()));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("jar exits").isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderrLines()).singleElement().asString()
                .startsWith("Invalid route file ")
                .contains("broken-probe.yaml, line 5");
    }

    /**
     * Static half of the type converter check: camel-maven-plugin's prepare-fatjar merges every module's converter
     * loaders into one UberTypeConverterLoader file, which the assembly must carry into the jar.
     */
    @Test
    void jarCarriesTheTypeConvertersOfEveryCamelModule() throws Exception {
        try (ZipFile zip = new ZipFile(jar().toFile())) {
            var entry = zip.getEntry("META-INF/services/org/apache/camel/UberTypeConverterLoader");
            assertThat(entry).as("UberTypeConverterLoader in the jar").isNotNull();
            String loaders = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(loaders).contains(
                    "org.apache.camel.converter.CamelBaseBulkConverterLoader",
                    "org.apache.camel.component.platform.http.vertx.VertxConverterLoader",
                    "org.apache.camel.component.jackson.converter.JacksonTypeConvertersLoader",
                    "org.apache.camel.component.http.HttpConvertersLoader");
        }
    }
}
