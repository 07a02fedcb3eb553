package io.releasewatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.releasewatch.config.ConfigException;
import io.releasewatch.support.TestMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every shipped route file loads through the real main class; an invalid operator route file stops start-up clearly. */
class RouteFilesTest {
    static final List<String> SHIPPED_ROUTE_IDS = List.of(
            "check-health", "check-golden-signals", "check-journeys", "check-baseline", "check-postgres", "check-business",
            "check-run",
            "metrics-record", "metrics-persist",
            "alert-evaluate", "alert-tick", "alert-deliver", "alert-slack", "alert-file", "alert-dashboard",
            "release-phase",
            "dashboard-page", "dashboard-status-api", "dashboard-release-api",
            "dashboard-alerts-api", "dashboard-alert-ack-api", "dashboard-silences-api");

    @TempDir
    Path root;

    @Test
    void everyShippedRouteFileLoadsAndItsRoutesStart() throws Exception {
        try (TestMonitor m = TestMonitor.start(root, Map.of("monitor.demo.port", String.valueOf(TestMonitor.freePort())))) {
            var ctx = m.watch.camelContext();
            assertThat(ctx.getRoutes()).extracting(Route::getRouteId).containsAll(SHIPPED_ROUTE_IDS);
            for (String id : SHIPPED_ROUTE_IDS) {
                assertThat(ctx.getRouteController().getRouteStatus(id)).as("status of route %s", id).isEqualTo(ServiceStatus.Started);
            }
        }
    }

    @Test
    void invalidYamlRouteFileStopsStartUpNamingTheFileAndLine() throws Exception {
        // Line 5 is indented wrongly: "steps" belongs under "from".
        Throwable t = startWithRouteFile("broken-probe.yaml", String.join("\n",
                "- route:",
                "    id: broken-probe",
                "    from:",
                "      uri: timer:broken",
                "   steps:",
                "        - log: hello",
                ""));
        assertThat(t).isInstanceOf(ConfigException.class);
        assertThat(t.getMessage())
                .doesNotContain("\n")
                .startsWith("Invalid route file " + root.resolve("config/routes/broken-probe.yaml").toAbsolutePath() + ", line 5, column 4: ")
                .contains("expected <block end>");
    }

    @Test
    void routeFileWithUnknownStepStopsStartUpNamingTheFileAndLine() throws Exception {
        Throwable t = startWithRouteFile("odd-probe.yaml", String.join("\n",
                "- route:",
                "    id: odd-probe",
                "    from:",
                "      uri: timer:odd",
                "      steps:",
                "        - frobnicate: hello",
                ""));
        assertThat(t).isInstanceOf(ConfigException.class);
        assertThat(t.getMessage()).doesNotContain("\n").contains("odd-probe.yaml, line 6").contains("frobnicate");
    }

    @Test
    void routeFileWithUnknownComponentStopsStartUpNamingTheFileAndRoute() throws Exception {
        Throwable t = startWithRouteFile("lost-probe.yaml", String.join("\n",
                "- route:",
                "    id: lost-probe",
                "    from:",
                "      uri: nosuch:thing",
                "      steps:",
                "        - log: hello",
                ""));
        assertThat(t).isInstanceOf(ConfigException.class);
        assertThat(t.getMessage()).doesNotContain("\n").contains("lost-probe.yaml").contains("'lost-probe'").contains("nosuch");
    }

    /** Starts the monitor with one operator route file; returns why start-up failed. */
    private Throwable startWithRouteFile(String name, String yaml) throws Exception {
        Path configDir = Files.createDirectories(root.resolve("config/routes")).getParent();
        Files.writeString(configDir.resolve("routes/" + name), yaml);
        Map<String, String> p = new HashMap<>();
        p.put("monitor.demo.port", String.valueOf(TestMonitor.freePort()));
        p.put("monitor.http-port", String.valueOf(TestMonitor.freePort()));
        p.put("monitor.management-port", String.valueOf(TestMonitor.freePort()));
        p.put("monitor.data-dir", root.resolve("data").toString());
        ReleaseWatch watch = ReleaseWatch.create(configDir, Map.of(), p);
        try {
            Throwable t = catchThrowable(watch::start);
            assertThat(t).as("start-up should fail").isNotNull();
            return t;
        } finally {
            watch.close();
        }
    }
}
