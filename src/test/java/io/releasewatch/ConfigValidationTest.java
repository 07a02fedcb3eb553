package io.releasewatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.releasewatch.config.ConfigException;
import io.releasewatch.support.TestMonitor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad value stops start-up with one line naming the key, the environment variable that overrides it and the
 * problem. Validation happens in {@link ReleaseWatch#create}, before Camel or the demo platform start.
 */
class ConfigValidationTest {
    @TempDir
    Path root;

    private Path configDir() throws IOException {
        return Files.createDirectories(root.resolve("config"));
    }

    /** Overrides every valid start needs: free demo port, temp data dir. */
    private Map<String, String> safeOverrides() throws IOException {
        Map<String, String> p = new HashMap<>();
        p.put("monitor.demo.port", String.valueOf(TestMonitor.freePort()));
        p.put("monitor.data-dir", root.resolve("data").toString());
        return p;
    }

    private ConfigException rejected(Map<String, String> env, Map<String, String> overrides) throws IOException {
        Map<String, String> all = safeOverrides();
        all.putAll(overrides);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ReleaseWatch.create(configDir(), env, all).close());
        assertThat(e).as("configuration should have been rejected").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").startsWith("Invalid configuration: ");
        return e;
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "monitor.target.base-url      | not a url              | MONITOR_TARGET_BASE_URL      | is not a valid URL",
        "monitor.target.base-url      | ftp://x                | MONITOR_TARGET_BASE_URL      | is not an http(s) URL",
        "monitor.target.base-url      | http:///no-host        | MONITOR_TARGET_BASE_URL      | has no host",
        "monitor.http.read-timeout    | 10 parsecs             | MONITOR_HTTP_READ_TIMEOUT    | is not a duration",
        "monitor.http.connect-timeout | 0s                     | MONITOR_HTTP_CONNECT_TIMEOUT | must be greater than zero",
        "monitor.clock-speed          | fast                   | MONITOR_CLOCK_SPEED          | is not a number",
        "monitor.http-port            | 99999                  | MONITOR_HTTP_PORT            | must be between 0 and 65535",
        "monitor.http-port            | eighty                 | MONITOR_HTTP_PORT            | is not a whole number",
        "monitor.release-time         | 2026-12-03 09:00       | MONITOR_RELEASE_TIME         | is not an ISO-8601 time",
        "monitor.health.endpoints     | application/health     | MONITOR_HEALTH_ENDPOINTS     | entry must look like name=/path:critical",
        "monitor.health.endpoints     | app=/health:fatal      | MONITOR_HEALTH_ENDPOINTS     | criticality 'fatal' must be critical or degraded",
        "monitor.cadence.health.phase1 | sometimes             | MONITOR_CADENCE_HEALTH_PHASE1 | is not a duration or 'off'",
        "monitor.cadence.health.phase5 | 5m                    | MONITOR_CADENCE_HEALTH_PHASE5 | is not a cadence key",
        "monitor.golden.saturation-source | disk               | MONITOR_GOLDEN_SATURATION_SOURCE | must be none, node or local",
    })
    void badValueIsRejectedNamingKeyEnvAndProblem(String key, String value, String envName, String problem) throws IOException {
        ConfigException e = rejected(Map.of(), Map.of(key, value));
        assertThat(e.getMessage()).contains(key).contains("(env " + envName + ")").contains(problem);
    }

    @Test
    void environmentVariableWinsOverTheConfigFile() throws IOException {
        Files.writeString(configDir().resolve("application.properties"), "monitor.release-time = 2026-12-03T09:00:00Z\n");
        ConfigException e = rejected(Map.of("MONITOR_RELEASE_TIME", "yesterday"), Map.of());
        assertThat(e.getMessage())
                .contains("monitor.release-time = 'yesterday'")
                .contains("(env MONITOR_RELEASE_TIME)")
                .contains("is not an ISO-8601 time");
    }

    @Test
    void validEnvironmentOverrideIsUsed() throws IOException {
        try (ReleaseWatch watch = ReleaseWatch.create(configDir(), Map.of("MONITOR_CLOCK_SPEED", "3600"), safeOverrides())) {
            assertThat(watch.settings().clockSpeed).isEqualTo(3600.0);
        }
    }

    @Test
    void configFileOverridesShippedDefaults() throws IOException {
        Files.writeString(configDir().resolve("application.properties"),
                "monitor.http.read-timeout = 7s\nmonitor.cadence.health.phase1 = off\nmonitor.release-time = 2026-12-03T09:00:00Z\n",
                StandardCharsets.UTF_8);
        try (ReleaseWatch watch = ReleaseWatch.create(configDir(), Map.of(), safeOverrides())) {
            assertThat(watch.settings().readTimeout).isEqualTo(Duration.ofSeconds(7));
            assertThat(watch.settings().releaseTime).hasValueSatisfying(t -> assertThat(t).hasToString("2026-12-03T09:00:00Z"));
            // untouched keys keep the shipped value
            assertThat(watch.settings().connectTimeout).isEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void malformedSlackWebhookIsRejectedWithoutEchoingTheSecret() throws IOException {
        String secret = "ftp://hooks.slack.example/services/T123/B456/very-secret-token";
        ConfigException e = rejected(Map.of("MONITOR_SLACK_WEBHOOK_URL", secret), Map.of());
        assertThat(e.getMessage())
                .contains("monitor.slack.webhook-url")
                .contains("(env MONITOR_SLACK_WEBHOOK_URL)")
                .contains("is not an http(s) URL")
                .doesNotContain(secret)
                .doesNotContain("very-secret-token");

        String unparsable = "https://hooks.slack.example/services/T123/B456/very secret token";
        ConfigException e2 = rejected(Map.of("MONITOR_SLACK_WEBHOOK_URL", unparsable), Map.of());
        assertThat(e2.getMessage()).contains("monitor.slack.webhook-url").doesNotContain("very").doesNotContain("T123");
    }
}
