package io.releasewatch;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.releasewatch.alerting.AlertEngine;
import io.releasewatch.alerting.AlertLog;
import io.releasewatch.alerting.OutboxDispatcher;
import io.releasewatch.alerting.RuleBook;
import io.releasewatch.alerting.Silences;
import io.releasewatch.alerting.rules.InMemoryMetricHistory;
import io.releasewatch.alerting.rules.RuleFileException;
import io.releasewatch.alerting.SlackMessages;
import io.releasewatch.alerting.SlackWebhook;
import io.releasewatch.checks.HttpProbe;
import io.releasewatch.checks.baseline.BaselineCheck;
import io.releasewatch.checks.business.BusinessCheck;
import io.releasewatch.checks.business.BusinessMetrics;
import io.releasewatch.checks.business.BusinessQueries;
import io.releasewatch.checks.business.BusinessRules;
import io.releasewatch.checks.postgres.PostgresCheck;
import io.releasewatch.checks.postgres.PostgresOptions;
import io.releasewatch.checks.postgres.PostgresPerformance;
import io.releasewatch.checks.sql.JdbcDataSource;
import io.releasewatch.checks.Targets;
import io.releasewatch.checks.golden.GoldenSignalsCheck;
import io.releasewatch.checks.health.HealthCheck;
import io.releasewatch.checks.journey.JourneyCheck;
import io.releasewatch.clock.CheckSchedule;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.clock.ScaledClock;
import io.releasewatch.config.ConfigException;
import io.releasewatch.config.ConfigReader;
import io.releasewatch.config.MonitorSettings;
import io.releasewatch.dashboard.AlertApi;
import io.releasewatch.dashboard.DashboardPage;
import io.releasewatch.dashboard.StatusApi;
import io.releasewatch.demo.DemoPlatform;
import io.releasewatch.metrics.MetricLog;
import io.releasewatch.metrics.MetricsExporter;
import io.releasewatch.store.AlertStore;
import io.releasewatch.store.Database;
import io.releasewatch.store.MetricStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.StartupListener;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the monitor: reads and validates the settings, builds the beans the YAML routes use, and
 * prepares Camel Main. All wiring is here, so "what talks to what" is answered in one file.
 */
public final class ReleaseWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseWatch.class);
    private static final List<String> SECRET_KEYS = List.of("monitor.slack.webhook-url", "monitor.database.password",
            "monitor.journey.password");

    private final Main main;
    private final MonitorSettings settings;
    private final Database db;
    private final OutboxDispatcher dispatcher;
    private final DemoPlatform demo;

    private ReleaseWatch(Main main, MonitorSettings settings, Database db, OutboxDispatcher dispatcher, DemoPlatform demo) {
        this.main = main;
        this.settings = settings;
        this.db = db;
        this.dispatcher = dispatcher;
        this.demo = demo;
    }

    /**
     * @param configDir  folder holding application.properties and routes/
     * @param env        environment variables; {@code MONITOR_X_Y} overrides key {@code monitor.x.y}
     * @param overrides  highest-priority properties (tests)
     */
    public static ReleaseWatch create(Path configDir, Map<String, String> env, Map<String, String> overrides) {
        return create(configDir, env, overrides, Clock.systemUTC());
    }

    public static ReleaseWatch create(Path configDir, Map<String, String> env, Map<String, String> overrides, Clock baseClock) {
        Map<String, String> props = effectiveProperties(configDir, env, overrides);
        ConfigReader reader = new ConfigReader(k -> Optional.ofNullable(props.get(k)));
        MonitorSettings settings = MonitorSettings.read(reader, props.keySet());

        Database db = new Database(settings.dataDir.resolve("release-watch.db"));
        ScaledClock clock = monitorClock(baseClock, settings.clockSpeed, new MetricStore(db));
        DemoPlatform demo = null;
        if (settings.demo) {
            // The demo's shop runs on the monitor's clock, so "orders in the last hour" means the same to both.
            try {
                demo = DemoPlatform.builder(settings.journey.email(), settings.journey.password()).clock(clock)
                        .businessDatabase(settings.dataDir.resolve("demo-platform.db")).build().start(settings.demoPort);
            } catch (IllegalStateException e) {
                db.close();
                throw new ConfigException("Invalid configuration: monitor.demo.port = " + settings.demoPort
                        + " (env MONITOR_DEMO_PORT) cannot be used for the demo platform: " + e.getMessage()
                        + " (is another Release Watch running?)");
            }
            LOG.info("DEMO MODE: MONITOR_TARGET_BASE_URL is not set, so Release Watch watches the bundled demo platform at {} "
                    + "with the clock at {}x. Flip faults with: curl -X POST {}demo/faults/payments-503",
                    settings.targetBaseUrl, settings.clockSpeed, settings.targetBaseUrl);
        }
        if (settings.slackWebhookUrl.isEmpty()) {
            LOG.info("Slack channel is off: MONITOR_SLACK_WEBHOOK_URL is empty");
        }

        // The operator's route folder is watched for edits; it must exist even when there are no operator routes yet
        // (a fresh working dir), or Camel fails at start-up scanning it.
        Path routesDir = configDir.resolve("routes");
        try {
            Files.createDirectories(routesDir);
        } catch (IOException e) {
            throw new ConfigException("Invalid configuration: cannot create the route folder " + routesDir.toAbsolutePath()
                    + " (config dir from MONITOR_CONFIG_DIR or --config): " + e.getMessage());
        }

        overriddenRouteFiles(routesDir).ifPresent(exclude -> props.put("camel.main.routes-exclude-pattern", exclude));
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false");
        props.put("monitor.config-dir", configDir.toAbsolutePath().toString().replace('\\', '/'));
        props.put("monitor.scheduler.tick-millis", String.valueOf(settings.schedulerTick.toMillis()));
        props.put("monitor.alert.evaluation-interval-millis", String.valueOf(settings.alerts.evaluationInterval.toMillis()));
        Properties camelProps = new Properties();
        camelProps.putAll(props);
        // Routes never need the secrets; keeping them out of Camel's properties keeps them out of its
        // consoles and property summaries too.
        SECRET_KEYS.forEach(camelProps::remove);
        main.setOverrideProperties(camelProps);
        Components c = bindBeans(main, settings, db, clock, baseClock, configDir,
                Optional.ofNullable(demo).map(DemoPlatform::businessJdbcUrl));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                try {
                    SafeRouteReloadStrategy.install(m.getCamelContext());
                } catch (Exception e) {
                    throw RuntimeCamelException.wrapRuntimeException(e);
                }
                onFullyStarted(m.getCamelContext(), () -> {
                    clock.start();
                    c.dispatcher.start(m.getCamelContext().createProducerTemplate());
                });
            }
        });
        return new ReleaseWatch(main, settings, db, c.dispatcher, demo);
    }

    /**
     * An operator file in config/routes with the name of a shipped route file replaces that file: the shipped
     * one is excluded, so the same route ids are not defined twice.
     */
    private static Optional<String> overriddenRouteFiles(Path routesDir) {
        List<String> replaced = new java.util.ArrayList<>();
        List<String> locations = new java.util.ArrayList<>();
        try (var files = Files.list(routesDir)) {
            for (String name : files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList()) {
                java.net.URL shipped = ReleaseWatch.class.getResource("/routes/" + name);
                if (shipped == null) continue;
                replaced.add(name);
                // Camel matches excludes against where the classpath pattern resolved to: a file in the build
                // output, or a jar entry written without the "jar:" prefix.
                String location = shipped.toString();
                locations.add(location.startsWith("jar:") ? location.substring(4) : location);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (replaced.isEmpty()) return Optional.empty();
        LOG.info("Route files in {} replace the shipped ones: {}", routesDir, replaced);
        return Optional.of(String.join(",", locations));
    }

    /**
     * Real time at speed 1. A sped-up rehearsal restarted on the same data dir resumes from the last monitor time
     * it recorded, which is ahead of real time; starting from real time again would put phases and records
     * back in time.
     */
    private static ScaledClock monitorClock(Clock base, double speed, MetricStore store) {
        Instant now = base.instant();
        if (speed == 1.0) return new ScaledClock(base, speed, now);
        Instant resume = store.lastRecordedTime().filter(t -> t.isAfter(now)).orElse(now);
        if (resume.isAfter(now)) LOG.info("Resuming the {}x rehearsal clock at {} (last recorded monitor time)", speed, resume);
        return new ScaledClock(base, speed, resume);
    }

    /** Runs once every route is running: the monitor clock and alert delivery start only then. */
    private static void onFullyStarted(CamelContext context, Runnable action) {
        try {
            context.addStartupListener(new StartupListener() {
                @Override
                public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                    // routes are not running yet
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                    action.run();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the start-up listener", e);
        }
    }

    /** What outlives bean binding: the parts ReleaseWatch itself starts and stops. */
    private record Components(OutboxDispatcher dispatcher) {
    }

    private static Components bindBeans(Main main, MonitorSettings s, Database db, ScaledClock clock, Clock baseClock, Path configDir,
                                        Optional<String> demoDatabaseUrl) {
        MetricStore store = new MetricStore(db);
        AlertStore alertStore = new AlertStore(db);
        ReleaseClock release = new ReleaseClock(clock, s.phasePlan, store, s.releaseTime);
        CheckSchedule schedule = new CheckSchedule(release, s.cadences);
        HttpProbe probe = new HttpProbe(s.connectTimeout, s.readTimeout);
        Targets targets = new Targets(s.targetBaseUrl);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        main.bind("settings", s);
        main.bind("clock", clock);
        main.bind("releaseClock", release);
        main.bind("checkSchedule", schedule);
        main.bind("metricStore", store);
        main.bind("alertStore", alertStore);
        main.bind("healthCheck", new HealthCheck(probe, release, s.healthEndpoints));
        main.bind("goldenSignalsCheck", new GoldenSignalsCheck(probe, release, baseClock, s.golden));
        main.bind("journeyCheck", new JourneyCheck(probe, release, targets, s.journey));
        bindDataChecks(main, s, release, probe, configDir, demoDatabaseUrl);
        // Camel's Prometheus support picks up a registry bound under this name, so check gauges and
        // Camel's own route metrics share one /observe/metrics page.
        main.bind("metricsRegistry", registry);
        main.bind("metricsExporter", new MetricsExporter(registry, release));
        main.bind("metricLog", new MetricLog(s.dataDir));
        main.bind("groupedBody", new GroupedBodyAggregationStrategy());

        AlertLog alertLog = new AlertLog(s.dataDir);
        OutboxDispatcher dispatcher = new OutboxDispatcher(alertStore, s.alerts.channels, baseClock, s.alerts.retry, alertLog);
        Silences silences = new Silences(alertStore, clock, s.alerts.silences);
        AlertEngine engine = new AlertEngine(release, history(store, clock, s.alerts.historyRetention), ruleBook(configDir, s),
                alertStore, s.alerts.policy, s.alerts.channels, silences, s.alerts.reminder, s.dashboardUrl, dispatcher::wake);
        main.bind("alertEngine", engine);
        main.bind("alertLog", alertLog);
        main.bind("slackMessages", new SlackMessages());
        main.bind("slackWebhook", new SlackWebhook(s.slackWebhookUrl, s.slackTimeout));
        main.bind("dashboardPage", new DashboardPage(release, store, alertStore, s.alerts.policy, s.dashboardRecentLimit, "Release Watch"));
        main.bind("statusApi", new StatusApi(release, store, alertStore, s.dashboardRecentLimit, schedule::reset));
        main.bind("alertApi", new AlertApi(engine, alertStore, silences, release));
        return new Components(dispatcher);
    }

    /** Guide 2.1-2.3: baseline, PostgreSQL performance and business metrics. */
    private static void bindDataChecks(Main main, MonitorSettings s, ReleaseClock release, HttpProbe probe, Path configDir,
                                       Optional<String> demoDatabaseUrl) {
        MonitorSettings.DataSettings d = s.data;
        main.bind("baselineCheck", new BaselineCheck(probe, release,
                Map.of("homepage", s.golden.homepageUrl, "api", s.golden.apiUrl), d.baselineWindowSize, d.baselineP95Limit, s.dataDir));

        Optional<String> url = d.databaseUrl.or(() -> demoDatabaseUrl);
        JdbcDataSource db = url.map(u -> new JdbcDataSource(u, d.databaseUser, d.databasePassword)).orElse(null);
        String none = "no platform database configured (monitor.database.url / MONITOR_DATABASE_URL)";
        boolean postgres = url.map(u -> u.startsWith("jdbc:postgresql:")).orElse(false);
        main.bind("postgresCheck", new PostgresCheck(postgres ? new PostgresPerformance(db, new PostgresOptions(d.postgresTopStatements,
                d.postgresTableLimit, d.postgresSeqScanMinRows, d.postgresConnectionsWarnPercent), d.queryTimeout) : null, release,
                db == null ? none : "the platform database is not PostgreSQL, so there are no PostgreSQL performance views"));
        BusinessMetrics business = db == null ? null : new BusinessMetrics(db,
                businessQueries(configDir.resolve(d.businessSqlDir)), new BusinessRules(d.paymentFailureLimitPercent),
                release.clock(), d.queryTimeout);
        main.bind("businessCheck", new BusinessCheck(business, release, s.dataDir, none));
    }

    /** The operator's SQL files where the config dir has them, the shipped ones otherwise. */
    private static BusinessQueries businessQueries(Path dir) {
        return Files.isDirectory(dir) ? BusinessQueries.overriddenBy(dir) : BusinessQueries.shipped();
    }

    /** The rules read recent history from memory; after a restart it is rebuilt from the store. */
    private static InMemoryMetricHistory history(MetricStore store, Clock clock, Duration retention) {
        InMemoryMetricHistory history = new InMemoryMetricHistory(retention);
        Instant now = clock.instant();
        history.add(store.between(now.minus(retention), now));
        return history;
    }

    private static RuleBook ruleBook(Path configDir, MonitorSettings s) {
        Path file = configDir.resolve(s.alerts.rulesFile);
        try {
            return new RuleBook(file, ReleaseWatch::shippedRules);
        } catch (RuleFileException e) {
            throw new ConfigException("Invalid alert rules: " + e.getMessage());
        }
    }

    private static String shippedRules() {
        try (InputStream in = ReleaseWatch.class.getResourceAsStream("/alert-rules.yaml")) {
            return in == null ? "rules: []\n" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shipped alert rules", e);
        }
    }

    /**
     * Shipped defaults, then the operator's file, then environment variables, then explicit overrides. The
     * shipped file lists every key, so every key has its environment variable.
     */
    static Map<String, String> effectiveProperties(Path configDir, Map<String, String> env, Map<String, String> overrides) {
        Properties p = new Properties();
        try (InputStream in = ReleaseWatch.class.getResourceAsStream("/application.properties")) {
            if (in != null) p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shipped application.properties", e);
        }
        Path file = configDir.resolve("application.properties");
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("Invalid configuration: cannot read " + file + ": " + e.getMessage());
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        for (String key : out.keySet().toArray(String[]::new)) {
            String fromEnv = env.get(ConfigReader.envName(key));
            if (fromEnv != null) out.put(key, fromEnv);
        }
        out.putAll(overrides);
        return out;
    }

    public MonitorSettings settings() {
        return settings;
    }

    public Main main() {
        return main;
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public Optional<DemoPlatform> demo() {
        return Optional.ofNullable(demo);
    }

    /** Starts Camel and returns; for tests and embedding. */
    public ReleaseWatch start() throws Exception {
        try {
            main.start();
        } catch (Exception e) {
            throw routeFileProblemOr(e);
        }
        return this;
    }

    /** Starts Camel and blocks until the JVM is asked to stop. */
    public void run() throws Exception {
        try {
            main.run();
        } catch (Exception e) {
            throw routeFileProblemOr(e);
        } finally {
            closeResources();
        }
    }

    /** An invalid route file stops start-up with one line naming the file, the line and the problem. */
    private Exception routeFileProblemOr(Exception e) {
        return RouteFileProblem.describe(e, this::routeSource).<Exception>map(problem -> new ConfigException(problem, e)).orElse(e);
    }

    /** Where a route was defined, e.g. file:/etc/release-watch/routes/extra.yaml:4, or null. */
    private String routeSource(String routeId) {
        if (!(main.getCamelContext() instanceof ModelCamelContext model)) return null;
        RouteDefinition route = model.getRouteDefinition(routeId);
        if (route == null || route.getResource() == null) return null;
        return route.getResource().getLocation() + (route.getLineNumber() > 0 ? ":" + route.getLineNumber() : "");
    }

    @Override
    public void close() {
        try {
            dispatcher.close();
            main.stop();
        } finally {
            closeResources();
        }
    }

    private void closeResources() {
        dispatcher.close();
        db.close();
        if (demo != null) demo.stop();
    }
}
