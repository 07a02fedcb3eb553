package io.releasewatch.config;

import io.releasewatch.alerting.Channel;
import io.releasewatch.alerting.OutboxDispatcher;
import io.releasewatch.alerting.SeverityPolicy;
import io.releasewatch.alerting.Silence;
import io.releasewatch.checks.Targets;
import io.releasewatch.checks.sql.JdbcDataSource;
import io.releasewatch.checks.health.HealthEndpoint;
import io.releasewatch.checks.journey.JourneyCheck.JourneySettings;
import io.releasewatch.clock.CadenceTable;
import io.releasewatch.clock.Phase;
import io.releasewatch.clock.PhasePlan;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every setting of the monitor, parsed and validated once at start-up from {@code application.properties}
 * and environment overrides. Secrets (webhook URL, passwords) are held here but never printed by toString.
 */
public final class MonitorSettings {

    public final boolean demo;
    public final URI targetBaseUrl;
    public final Duration connectTimeout;
    public final Duration readTimeout;
    public final Path dataDir;
    public final int httpPort;
    public final int managementPort;
    public final String dashboardUrl;
    public final int dashboardRecentLimit;
    public final Optional<Instant> releaseTime;
    public final double clockSpeed;
    public final PhasePlan phasePlan;
    public final Duration schedulerTick;
    public final CadenceTable cadences;
    public final List<HealthEndpoint> healthEndpoints;
    public final GoldenSettings golden;
    public final JourneySettings journey;
    public final Optional<URI> slackWebhookUrl;
    public final Duration slackTimeout;
    public final AlertSettings alerts;
    public final DataSettings data;
    public final int demoPort;

    private MonitorSettings(ConfigReader r, Set<String> cadenceKeys) {
        Optional<String> target = r.optional("monitor.target.base-url");
        demo = target.isEmpty();
        demoPort = r.integer("monitor.demo.port", 8081, 1, 65535);
        targetBaseUrl = demo ? URI.create("http://127.0.0.1:" + demoPort + "/") : r.httpUrl("monitor.target.base-url", null);
        Targets targets = new Targets(targetBaseUrl);
        connectTimeout = positive(r, "monitor.http.connect-timeout", Duration.ofSeconds(2));
        readTimeout = positive(r, "monitor.http.read-timeout", Duration.ofSeconds(10));
        dataDir = Path.of(r.string("monitor.data-dir", "data"));
        httpPort = r.integer("monitor.http-port", 8080, 0, 65535);
        managementPort = r.integer("monitor.management-port", 9876, 0, 65535);
        dashboardUrl = r.optional("monitor.dashboard.public-url").map(u -> r.httpUrl("monitor.dashboard.public-url", u).toString())
                .orElse("http://localhost:" + httpPort + "/");
        dashboardRecentLimit = r.integer("monitor.dashboard.recent-limit", 200, 1, 10_000);
        releaseTime = r.instant("monitor.release-time");
        double speed = r.number("monitor.clock-speed", 1, 0.001, 1_000_000);
        clockSpeed = demo && r.optional("monitor.clock-speed").isEmpty() ? r.number("monitor.demo.clock-speed", 60, 0.001, 1_000_000) : speed;
        phasePlan = phasePlan(r);
        schedulerTick = positive(r, "monitor.scheduler.tick", Duration.ofMillis(50));
        cadences = cadences(r, cadenceKeys);
        healthEndpoints = healthEndpoints(r, targets);
        golden = new GoldenSettings(r, targets);
        journey = new JourneySettings(
                r.string("monitor.journey.homepage-path", "/"),
                positive(r, "monitor.journey.homepage-max-time", Duration.ofSeconds(3)),
                r.string("monitor.journey.register-path", "/api/auth/register"),
                r.string("monitor.journey.registration-email-domain", "example.com"),
                r.string("monitor.journey.signin-path", "/api/auth/signin"),
                r.string("monitor.journey.payment-health-path", "/api/health/payments"),
                r.string("monitor.journey.email", demo ? "test@demo.local" : ""),
                r.string("monitor.journey.password", demo ? "demo-password" : ""));
        slackWebhookUrl = r.secretHttpUrl("monitor.slack.webhook-url");
        slackTimeout = positive(r, "monitor.slack.timeout", Duration.ofSeconds(5));
        alerts = new AlertSettings(r, cadenceKeys);
        data = new DataSettings(r);
    }

    /** Phase 2 data checks: the performance baseline, the platform's database, business metrics SQL. */
    public static final class DataSettings {
        public final int baselineWindowSize;
        public final Duration baselineP95Limit;
        public final Optional<String> databaseUrl;
        public final String databaseUser;
        public final String databasePassword;
        public final Duration queryTimeout;
        public final String businessSqlDir;
        public final double paymentFailureLimitPercent;
        public final int postgresTopStatements;
        public final int postgresTableLimit;
        public final long postgresSeqScanMinRows;
        public final double postgresConnectionsWarnPercent;

        DataSettings(ConfigReader r) {
            baselineWindowSize = r.integer("monitor.baseline.window-size", 10, 1, 100_000);
            baselineP95Limit = positive(r, "monitor.baseline.p95-limit", Duration.ofSeconds(2));
            databaseUrl = r.optional("monitor.database.url");
            databaseUrl.ifPresent(u -> {
                if (!u.startsWith("jdbc:")) throw r.error("monitor.database.url", JdbcDataSource.redact(u),
                        "is not a JDBC URL (e.g. jdbc:postgresql://db.example.com:5432/shop)");
            });
            databaseUser = r.string("monitor.database.user", "");
            databasePassword = r.string("monitor.database.password", "");
            queryTimeout = positive(r, "monitor.database.query-timeout", Duration.ofSeconds(10));
            businessSqlDir = r.string("monitor.business.sql-dir", "sql/business");
            paymentFailureLimitPercent = r.number("monitor.business.payment-failure-limit", 5, 0, 100);
            postgresTopStatements = r.integer("monitor.postgres.top-statements", 10, 1, 1000);
            postgresTableLimit = r.integer("monitor.postgres.table-limit", 20, 1, 10_000);
            postgresSeqScanMinRows = r.integer("monitor.postgres.seq-scan-min-rows", 1_000_000, 0, Integer.MAX_VALUE);
            postgresConnectionsWarnPercent = r.number("monitor.postgres.connections-warn", 80, 0, 100);
        }

        @Override
        public String toString() {
            return "DataSettings[database=" + databaseUrl.map(JdbcDataSource::redact).orElse("none")
                    + ", user=" + databaseUser + ", password=****]";
        }
    }

    /**
     * Alerting: the rules file, the severity policy (guide 5.1), the channels (Camel endpoint URIs),
     * delivery retries, reminders and silences from configuration.
     */
    public static final class AlertSettings {
        public static final List<String> SEVERITIES = List.of("P0", "P1", "P2", "P3");

        public final String rulesFile;
        public final Duration evaluationInterval;
        public final Duration historyRetention;
        public final Duration reminder;
        public final SeverityPolicy policy;
        public final Map<String, Channel> channels;
        public final OutboxDispatcher.Retry retry;
        public final List<Silence> silences;

        AlertSettings(ConfigReader r, Set<String> keys) {
            rulesFile = r.string("monitor.alert.rules-file", "alert-rules.yaml");
            evaluationInterval = positive(r, "monitor.alert.evaluation-interval", Duration.ofMillis(250));
            historyRetention = positive(r, "monitor.alert.history-retention", Duration.ofHours(2));
            reminder = r.durationOrOff("monitor.alert.reminder", Optional.of(Duration.ofHours(1))).orElse(Duration.ZERO);

            Map<String, Channel> chans = new LinkedHashMap<>();
            for (String name : list(r.required("monitor.alert.channels"))) {
                String prefix = "monitor.alert.channel." + name + ".";
                chans.put(name, new Channel(name, r.required(prefix + "uri"), r.bool(prefix + "resolved", true),
                        r.durationOrOff(prefix + "min-interval", Optional.empty()).orElse(Duration.ZERO)));
            }
            channels = Map.copyOf(chans);

            Map<String, SeverityPolicy.Level> levels = new LinkedHashMap<>();
            for (String sev : SEVERITIES) {
                String prefix = "monitor.alert." + sev.toLowerCase(Locale.ROOT) + ".";
                levels.put(sev, new SeverityPolicy.Level(sev, positive(r, prefix + "response-time", Duration.ofHours(1)),
                        positive(r, prefix + "escalation-time", Duration.ofHours(2)), channelList(r, prefix + "channels", chans),
                        channelList(r, prefix + "escalation-channels", chans)));
            }
            policy = new SeverityPolicy(Map.copyOf(levels), r.integer("monitor.alert.max-escalations", 3, 0, 100));
            retry = new OutboxDispatcher.Retry(r.integer("monitor.alert.delivery.attempts", 4, 1, 100),
                    positive(r, "monitor.alert.delivery.first-delay", Duration.ofMillis(500)),
                    positive(r, "monitor.alert.delivery.max-delay", Duration.ofSeconds(30)),
                    positive(r, "monitor.alert.delivery.recovery-interval", Duration.ofSeconds(30)));
            silences = silences(r);
        }

        private static List<String> list(String raw) {
            return java.util.Arrays.stream(raw.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }

        private static List<String> channelList(ConfigReader r, String key, Map<String, Channel> known) {
            List<String> names = list(r.string(key, ""));
            for (String n : names) {
                if (!known.containsKey(n)) throw r.error(key, n, "names a channel that monitor.alert.channels does not list " + known.keySet());
            }
            return names;
        }

        /** {@code monitor.alert.silences = id,...} with {@code monitor.alert.silence.<id>.rule|label|starts|ends|reason}. */
        private static List<Silence> silences(ConfigReader r) {
            List<Silence> out = new ArrayList<>();
            for (String id : list(r.string("monitor.alert.silences", ""))) {
                String prefix = "monitor.alert.silence." + id + ".";
                String rule = r.optional(prefix + "rule").orElse(null);
                String label = r.optional(prefix + "label").orElse(null);
                if (rule == null && label == null) throw r.error(prefix + "rule", null, "or " + prefix + "label is required");
                String labelKey = null;
                String labelValue = null;
                if (label != null) {
                    int eq = label.indexOf('=');
                    if (eq <= 0) throw r.error(prefix + "label", label, "must look like key=value");
                    labelKey = label.substring(0, eq).trim();
                    labelValue = label.substring(eq + 1).trim();
                }
                Instant starts = r.instant(prefix + "starts").orElseThrow(() -> r.error(prefix + "starts", null, "is required"));
                Instant ends = r.instant(prefix + "ends").orElseThrow(() -> r.error(prefix + "ends", null, "is required"));
                if (!ends.isAfter(starts)) throw r.error(prefix + "ends", ends.toString(), "must be after " + prefix + "starts");
                out.add(new Silence("config-" + id, rule, labelKey, labelValue, starts, ends, r.string(prefix + "reason", "")));
            }
            return List.copyOf(out);
        }
    }

    /** Reads and validates everything; the first problem found is thrown as a {@link ConfigException}. */
    public static MonitorSettings read(ConfigReader reader, Set<String> allKeys) {
        return new MonitorSettings(reader, allKeys);
    }

    private static Duration positive(ConfigReader r, String key, Duration def) {
        Duration d = r.duration(key, def);
        if (d.isZero() || d.isNegative()) throw r.error(key, d.toString(), "must be greater than zero");
        return d;
    }

    private static PhasePlan phasePlan(ConfigReader r) {
        Duration intensive = positive(r, "monitor.phase.intensive-after", Duration.ofHours(2));
        Duration extended = positive(r, "monitor.phase.extended-after", Duration.ofHours(24));
        Duration steady = positive(r, "monitor.phase.steady-after", Duration.ofHours(72));
        try {
            return new PhasePlan(intensive, extended, steady);
        } catch (IllegalArgumentException e) {
            throw r.error("monitor.phase.extended-after", null, e.getMessage());
        }
    }

    /** {@code monitor.cadence.<check>.phase<N> = 5m | off}; checks without any key are unknown to the scheduler. */
    private static CadenceTable cadences(ConfigReader r, Set<String> keys) {
        CadenceTable table = new CadenceTable();
        Pattern key = Pattern.compile("monitor\\.cadence\\.([a-z0-9][a-z0-9-]*)\\.phase([1-4])");
        for (String k : keys) {
            if (!k.startsWith("monitor.cadence.")) continue;
            var m = key.matcher(k);
            if (!m.matches()) {
                throw r.error(k, null, "is not a cadence key: use monitor.cadence.<check>.phase1 .. phase4");
            }
            table.set(m.group(1), Phase.values()[Integer.parseInt(m.group(2)) - 1], r.durationOrOff(k, Optional.empty()));
        }
        return table;
    }

    /** {@code name=path:criticality, ...} where criticality is critical or degraded. */
    private static List<HealthEndpoint> healthEndpoints(ConfigReader r, Targets targets) {
        String key = "monitor.health.endpoints";
        String raw = r.required(key);
        List<HealthEndpoint> out = new ArrayList<>();
        for (String entry : raw.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) continue;
            int eq = e.indexOf('=');
            int colon = e.lastIndexOf(':');
            if (eq <= 0 || colon <= eq + 1) {
                throw r.error(key, e, "entry must look like name=/path:critical or name=/path:degraded");
            }
            String name = e.substring(0, eq).trim();
            String path = e.substring(eq + 1, colon).trim();
            String crit = e.substring(colon + 1).trim().toUpperCase(Locale.ROOT);
            HealthEndpoint.Criticality c;
            try {
                c = HealthEndpoint.Criticality.valueOf(crit);
            } catch (IllegalArgumentException ex) {
                throw r.error(key, e, "criticality '" + crit.toLowerCase(Locale.ROOT) + "' must be critical or degraded");
            }
            URI url;
            try {
                url = targets.resolve(path);
            } catch (IllegalArgumentException ex) {
                throw r.error(key, e, "path '" + path + "' is not a valid URL path");
            }
            if (out.stream().anyMatch(h -> h.name().equals(name))) throw r.error(key, e, "endpoint name '" + name + "' is used twice");
            out.add(new HealthEndpoint(name, url, c));
        }
        if (out.isEmpty()) throw r.error(key, raw, "lists no endpoint");
        return List.copyOf(out);
    }

    /** Golden signals: latency targets, the Prometheus metrics source, and where saturation comes from. */
    public static final class GoldenSettings {
        public enum SaturationSource { NONE, NODE, LOCAL }

        public final URI homepageUrl;
        public final URI apiUrl;
        public final Duration homepageLatencyLimit;
        public final Duration apiLatencyLimit;
        public final double errorRateLimitPercent;
        public final int errorRateMinRequests;
        public final Optional<URI> metricsUrl;
        public final String requestMetric;
        public final String statusLabel;
        public final String errorStatusRegex;
        public final SaturationSource saturationSource;
        public final Optional<URI> nodeMetricsUrl;
        public final Path localDiskPath;
        public final double saturationWarnPercent;
        public final double saturationCriticalPercent;

        GoldenSettings(ConfigReader r, Targets targets) {
            homepageUrl = targets.resolve(r.string("monitor.golden.homepage-path", "/"));
            apiUrl = targets.resolve(r.string("monitor.golden.api-path", "/api/health"));
            homepageLatencyLimit = positive(r, "monitor.golden.homepage-latency-limit", Duration.ofSeconds(2));
            apiLatencyLimit = positive(r, "monitor.golden.api-latency-limit", Duration.ofSeconds(1));
            errorRateLimitPercent = r.number("monitor.golden.error-rate-limit", 5.0, 0, 100);
            errorRateMinRequests = r.integer("monitor.golden.error-rate-min-requests", 50, 0, Integer.MAX_VALUE);
            metricsUrl = r.optional("monitor.golden.metrics-url").map(targets::resolve);
            requestMetric = r.string("monitor.golden.request-metric", "http_requests_total");
            statusLabel = r.string("monitor.golden.status-label", "status");
            String regex = r.string("monitor.golden.error-status-regex", "5..");
            try {
                Pattern.compile(regex);
                errorStatusRegex = regex;
            } catch (PatternSyntaxException e) {
                throw r.error("monitor.golden.error-status-regex", regex, "is not a valid regular expression: " + e.getDescription());
            }
            String source = r.string("monitor.golden.saturation-source", "none");
            try {
                saturationSource = SaturationSource.valueOf(source.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw r.error("monitor.golden.saturation-source", source, "must be none, node or local");
            }
            nodeMetricsUrl = r.optional("monitor.golden.node-metrics-url").map(targets::resolve);
            if (saturationSource == SaturationSource.NODE && nodeMetricsUrl.isEmpty()) {
                throw r.error("monitor.golden.node-metrics-url", null, "is required when monitor.golden.saturation-source=node");
            }
            localDiskPath = Path.of(r.string("monitor.golden.local-disk-path", "/"));
            saturationWarnPercent = r.number("monitor.golden.saturation-warn", 80, 0, 100);
            saturationCriticalPercent = r.number("monitor.golden.saturation-critical", 95, 0, 100);
        }
    }

    @Override
    public String toString() {
        return "MonitorSettings[target=" + targetBaseUrl + (demo ? " (demo)" : "") + ", dataDir=" + dataDir + ", httpPort=" + httpPort
                + ", clockSpeed=" + clockSpeed + ", slack=" + (slackWebhookUrl.isPresent() ? "configured" : "off") + "]";
    }
}
