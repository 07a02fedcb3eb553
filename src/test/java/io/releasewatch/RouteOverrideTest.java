package io.releasewatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasewatch.support.TestMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator route file named like a shipped one replaces it. */
class RouteOverrideTest {
    @TempDir
    Path root;

    @Test
    void aFileInConfigRoutesWithAShippedNameReplacesTheShippedFile() throws Exception {
        Files.createDirectories(root.resolve("config/routes"));
        Files.writeString(root.resolve("config/routes/release-phase.yaml"), """
                - route:
                    id: release-phase
                    from:
                      uri: timer:operator-phase-watch
                      parameters:
                        period: 1000
                      steps:
                        - bean:
                            ref: releaseClock
                            method: nextPhaseChange
                """);
        try (TestMonitor m = TestMonitor.start(root, Map.of("monitor.demo.port", String.valueOf(TestMonitor.freePort())))) {
            Route route = m.watch.camelContext().getRoute("release-phase");
            assertThat(route.getEndpoint().getEndpointUri()).contains("operator-phase-watch");
            assertThat(m.watch.camelContext().getRoutes()).filteredOn(r -> r.getRouteId().equals("release-phase")).hasSize(1);
            assertThat(m.watch.camelContext().getRoute("check-run")).as("other shipped routes stay").isNotNull();
        }
    }
}
