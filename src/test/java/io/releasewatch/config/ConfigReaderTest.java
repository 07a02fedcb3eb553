package io.releasewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    private static ConfigReader reader(Map<String, String> values) {
        return new ConfigReader(k -> Optional.ofNullable(values.get(k)));
    }

    @Test
    void envNameFollowsTheKey() {
        assertThat(ConfigReader.envName("monitor.target.base-url")).isEqualTo("MONITOR_TARGET_BASE_URL");
        assertThat(ConfigReader.envName("monitor.http-port")).isEqualTo("MONITOR_HTTP_PORT");
    }

    @Test
    void durationsInEveryUnit() {
        var r = reader(Map.of("a", "500ms", "b", "10s", "c", "5m", "d", "2h", "e", "1d", "f", "1.5s"));
        assertThat(r.duration("a", null)).isEqualTo(Duration.ofMillis(500));
        assertThat(r.duration("b", null)).isEqualTo(Duration.ofSeconds(10));
        assertThat(r.duration("c", null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(r.duration("d", null)).isEqualTo(Duration.ofHours(2));
        assertThat(r.duration("e", null)).isEqualTo(Duration.ofDays(1));
        assertThat(r.duration("f", null)).isEqualTo(Duration.ofMillis(1500));
        assertThat(r.duration("missing", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void badValuesNameKeyEnvAndProblem() {
        var r = reader(Map.of("monitor.http.read-timeout", "10 parsecs", "monitor.clock-speed", "fast",
                "monitor.release-time", "yesterday", "monitor.target.base-url", "ftp://x"));
        assertThatThrownBy(() -> r.duration("monitor.http.read-timeout", null)).isInstanceOf(ConfigException.class)
                .hasMessage("Invalid configuration: monitor.http.read-timeout = '10 parsecs' (env MONITOR_HTTP_READ_TIMEOUT) "
                        + "is not a duration (use e.g. 500ms, 10s, 5m, 2h, 1d)");
        assertThatThrownBy(() -> r.number("monitor.clock-speed", 1, 0, 10)).hasMessageContaining("MONITOR_CLOCK_SPEED")
                .hasMessageContaining("is not a number");
        assertThatThrownBy(() -> r.instant("monitor.release-time")).hasMessageContaining("is not an ISO-8601 time");
        assertThatThrownBy(() -> r.httpUrl("monitor.target.base-url", null)).hasMessageContaining("is not an http(s) URL");
    }

    @Test
    void timesNeedAnOffset() {
        assertThat(ConfigReader.parseInstant("2026-12-03T10:00:00+01:00")).contains(Instant.parse("2026-12-03T09:00:00Z"));
        assertThat(ConfigReader.parseInstant("2026-12-03T10:00:00")).isEmpty();
    }

    @Test
    void secretUrlsAreNeverEchoed() {
        var r = reader(Map.of("monitor.slack.webhook-url", "hxxps://hooks.example/T0/B0/very-secret"));
        assertThatThrownBy(() -> r.secretHttpUrl("monitor.slack.webhook-url"))
                .hasMessageNotContaining("very-secret").hasMessageContaining("(value hidden)");
    }

    @Test
    void offDisablesACadence() {
        var r = reader(Map.of("x", "off", "y", "0s"));
        assertThat(r.durationOrOff("x", Optional.of(Duration.ofSeconds(1)))).isEmpty();
        assertThatThrownBy(() -> r.durationOrOff("y", Optional.empty())).hasMessageContaining("use 'off' to disable");
    }

    @Test
    void silencesFromConfigurationAreReadAndChecked() {
        java.util.Map<String, String> props = new java.util.HashMap<>(io.releasewatch.support.ShippedProperties.load());
        props.put("monitor.alert.silences", "maint");
        props.put("monitor.alert.silence.maint.label", "team=db");
        props.put("monitor.alert.silence.maint.starts", "2026-12-04T02:00:00Z");
        props.put("monitor.alert.silence.maint.ends", "2026-12-04T03:00:00Z");
        var settings = MonitorSettings.read(reader(props), props.keySet());
        assertThat(settings.alerts.silences).singleElement().satisfies(s -> {
            assertThat(s.labelKey()).isEqualTo("team");
            assertThat(s.matches("any-rule", java.util.Map.of("team", "db"), Instant.parse("2026-12-04T02:30:00Z"))).isTrue();
            assertThat(s.matches("any-rule", java.util.Map.of("team", "db"), Instant.parse("2026-12-04T03:00:00Z"))).isFalse();
        });
        props.put("monitor.alert.silence.maint.ends", "2026-12-04T01:00:00Z");
        assertThatThrownBy(() -> MonitorSettings.read(reader(props), props.keySet()))
                .hasMessageContaining("monitor.alert.silence.maint.ends").hasMessageContaining("must be after");
    }
}
