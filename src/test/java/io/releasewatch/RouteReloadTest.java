package io.releasewatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.releasewatch.support.TestMonitor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Operator routes in {@code <configDir>/routes} are picked up, changed and rejected without a restart: a new file
 * starts its route, an edit replaces it, and an invalid edit leaves the previous version (and every shipped route)
 * running while the failure is logged with the file name.
 */
class RouteReloadTest {
    private static final Duration RELOAD = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private TestMonitor monitor;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void start() throws Exception {
        logs.start();
        rootLogger.addAppender(logs);
        monitor = TestMonitor.start(root, Map.of("monitor.demo.port", String.valueOf(TestMonitor.freePort())));
    }

    @AfterEach
    void stop() {
        if (monitor != null) monitor.close();
        rootLogger.detachAppender(logs);
    }

    /** A route answering GET /extra with a fixed body, so a test can see which version is running. */
    private static String extraProbe(String answer) {
        return String.join("\n",
                "- route:",
                "    id: extra-probe",
                "    from:",
                "      uri: platform-http:/extra",
                "      steps:",
                "        - setBody:",
                "            constant: " + answer,
                "");
    }

    /** Writes the file in one step (temp file + atomic move), as an editor's save would, so the watcher never sees half a file. */
    private void writeRoute(String name, String content) throws Exception {
        Path dir = monitor.configDir.resolve("routes");
        Path tmp = Files.createTempFile(root, "route", ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String extraAnswer() {
        var r = monitor.get("/extra");
        return r.statusCode() + " " + r.body();
    }

    static java.util.stream.Stream<String> invalidEdits() {
        return java.util.stream.Stream.of(
                extraProbe("probe-v3").replace("      steps:", "   steps:"),
                extraProbe("probe-v3").replace("        - setBody:", "        - frobnicate:"),
                extraProbe("probe-v3").replace("platform-http:/extra", "nosuch:extra"),
                extraProbe("probe-v3").replace("constant: probe-v3", "simple: \"${body.\""));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("invalidEdits")
    void newRouteFileStartsEditsApplyAndAnInvalidEditKeepsThePreviousVersion(String invalid) throws Exception {
        var ctx = monitor.watch.camelContext();
        assertThat(ctx.getRoute("extra-probe")).isNull();

        writeRoute("extra-probe.yaml", extraProbe("probe-v1"));
        await().atMost(RELOAD).untilAsserted(() -> {
            assertThat(ctx.getRouteController().getRouteStatus("extra-probe")).isEqualTo(ServiceStatus.Started);
            assertThat(extraAnswer()).isEqualTo("200 probe-v1");
        });

        writeRoute("extra-probe.yaml", extraProbe("probe-v2"));
        await().atMost(RELOAD).untilAsserted(() -> assertThat(extraAnswer()).isEqualTo("200 probe-v2"));

        logs.list.clear();
        writeRoute("extra-probe.yaml", invalid);
        // (iii) the failure is logged, naming the file
        await().atMost(RELOAD).untilAsserted(() -> assertThat(List.copyOf(logs.list))
                .anySatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains("Invalid route file " + monitor.configDir.resolve("routes/extra-probe.yaml").toAbsolutePath())
                        .contains("previous version of its routes keeps running")));

        // (i) the previous version keeps running
        assertThat(ctx.getRouteController().getRouteStatus("extra-probe")).isEqualTo(ServiceStatus.Started);
        assertThat(extraAnswer()).isEqualTo("200 probe-v2");
        // (ii) the shipped routes keep running
        for (String id : RouteFilesTest.SHIPPED_ROUTE_IDS) {
            assertThat(ctx.getRouteController().getRouteStatus(id)).as("status of route %s", id).isEqualTo(ServiceStatus.Started);
        }
        assertThat(monitor.get("/api/status").statusCode()).isEqualTo(200);

        // Camel remembers a failed file and re-applies it on the next reload of any file; the rejected edit must not
        // block other files.
        writeRoute("other-probe.yaml", extraProbe("other-v1").replace("extra", "other"));
        await().atMost(RELOAD).untilAsserted(() -> assertThat(monitor.get("/other").body()).isEqualTo("other-v1"));
        assertThat(extraAnswer()).isEqualTo("200 probe-v2");

        // fixing the file applies the fix
        writeRoute("extra-probe.yaml", extraProbe("probe-v4"));
        await().atMost(RELOAD).untilAsserted(() -> assertThat(extraAnswer()).isEqualTo("200 probe-v4"));
    }

    @Test
    void newInvalidRouteFileIsRejectedAndLeavesNoHalfLoadedRoutes() throws Exception {
        var ctx = monitor.watch.camelContext();
        // The first route is fine, the second refers to a component that does not exist.
        writeRoute("pair.yaml", extraProbe("first").replace("extra", "pair-first")
                + extraProbe("second").replace("extra", "pair-second").replace("platform-http:", "nosuch:"));
        await().atMost(RELOAD).untilAsserted(() -> assertThat(List.copyOf(logs.list))
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("pair.yaml").contains("nosuch")
                        .contains("its routes were not started")));
        assertThat(ctx.getRoute("pair-first-probe")).isNull();
        assertThat(ctx.getRoute("pair-second-probe")).isNull();
        for (String id : RouteFilesTest.SHIPPED_ROUTE_IDS) {
            assertThat(ctx.getRouteController().getRouteStatus(id)).as("status of route %s", id).isEqualTo(ServiceStatus.Started);
        }
    }

}
