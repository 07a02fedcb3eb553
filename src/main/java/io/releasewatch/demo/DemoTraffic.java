package io.releasewatch.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The platform's request metrics: real requests it serves plus simulated background traffic, so the
 * monitor's golden signals (traffic, error rate) have something that moves even when nobody but the
 * monitor is calling.
 */
final class DemoTraffic implements AutoCloseable {
    // Busy enough that even at the demo's 60x clock (one golden-signals run per real second) an interval
    // holds the 50+ requests the error-rate signal needs before it judges.
    static final double MIN_PER_MINUTE = 3000;
    static final double MAX_PER_MINUTE = 9000;
    static final double NORMAL_ERROR_SHARE = 0.005;
    static final double FAULT_ERROR_SHARE = 0.20;
    /** Long enough that consecutive monitor runs see a trend, short enough to show in a demo. */
    static final double WAVE_PERIOD_SECONDS = 600;

    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    /** Simulated endpoints, none of them a health or metrics path, so checks of those count only real calls. */
    private record SyntheticEndpoint(String method, String path, int okStatus, double weight) {
    }

    private static final List<SyntheticEndpoint> SYNTHETIC = List.of(
            new SyntheticEndpoint("GET", "/", 200, 0.25),
            new SyntheticEndpoint("GET", "/api/listings", 200, 0.35),
            new SyntheticEndpoint("GET", "/api/catalog", 200, 0.20),
            new SyntheticEndpoint("POST", "/api/auth/signin", 200, 0.10),
            new SyntheticEndpoint("POST", "/api/orders", 201, 0.10));

    static List<String> syntheticPaths() {
        return SYNTHETIC.stream().map(SyntheticEndpoint::path).distinct().toList();
    }

    record Series(String method, String path, int status) {
    }

    private record Route(String method, String path) {
    }

    /** Cumulative buckets are computed at scrape time; each slot counts its own range only. */
    private static final class Histogram {
        private final long[] counts = new long[BUCKETS.length + 1];
        private double sum;
        private long count;

        synchronized void observe(double seconds) {
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            counts[i]++;
            sum += seconds;
            count++;
        }

        synchronized void write(StringBuilder out, Route route) {
            long cumulative = 0;
            for (int i = 0; i <= BUCKETS.length; i++) {
                cumulative += counts[i];
                String le = i < BUCKETS.length ? PromText.number(BUCKETS[i]) : "+Inf";
                PromText.sample(out, "http_request_duration_seconds_bucket", Long.toString(cumulative),
                        "method", route.method(), "path", route.path(), "le", le);
            }
            PromText.sample(out, "http_request_duration_seconds_sum", PromText.number(sum),
                    "method", route.method(), "path", route.path());
            PromText.sample(out, "http_request_duration_seconds_count", Long.toString(count),
                    "method", route.method(), "path", route.path());
        }
    }

    private final Faults faults;
    private final Map<Series, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<Route, Histogram> durations = new ConcurrentHashMap<>();
    private final Random random;
    private double requestCarry;
    private double errorCarry;
    private ScheduledExecutorService scheduler;

    DemoTraffic(Faults faults, Random random) {
        this.faults = faults;
        this.random = random;
    }

    synchronized void start() {
        if (scheduler != null) {
            return;
        }
        long startNanos = System.nanoTime();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-background-traffic");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(() -> simulateSecond((System.nanoTime() - startNanos) / 1e9),
                1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /** A request the platform really served; path is the route template, never the raw URL. */
    void recordReal(String method, String path, int status, double seconds) {
        count(new Series(method, path, status), 1);
        durations.computeIfAbsent(new Route(method, path), r -> new Histogram()).observe(seconds);
    }

    /**
     * Adds one second of background traffic at the given time since start and returns how many
     * requests that was. Fractions carry over to the next second so the long-run rate and error share
     * are exact; that keeps the error share steady enough that only the errors fault pushes it past
     * alerting thresholds.
     */
    synchronized int simulateSecond(double elapsedSeconds) {
        double perMinute = ratePerMinute(elapsedSeconds, random.nextGaussian());
        requestCarry += perMinute / 60.0;
        int total = (int) requestCarry;
        requestCarry -= total;

        errorCarry += total * (faults.isOn(Fault.ERRORS) ? FAULT_ERROR_SHARE : NORMAL_ERROR_SHARE);
        int errors = Math.min(total, (int) errorCarry);
        errorCarry -= errors;

        for (int i = 0; i < total; i++) {
            SyntheticEndpoint endpoint = pickEndpoint();
            int status = i < errors ? pickErrorStatus() : endpoint.okStatus();
            count(new Series(endpoint.method(), endpoint.path(), status), 1);
        }
        return total;
    }

    /** A slow sine wave between the bounds plus noise (standard normal, scaled), clamped. */
    static double ratePerMinute(double elapsedSeconds, double gaussianNoise) {
        double mid = (MIN_PER_MINUTE + MAX_PER_MINUTE) / 2;
        double amplitude = (MAX_PER_MINUTE - MIN_PER_MINUTE) * 0.4;
        double wave = mid + amplitude * Math.sin(2 * Math.PI * elapsedSeconds / WAVE_PERIOD_SECONDS);
        return Math.max(MIN_PER_MINUTE, Math.min(MAX_PER_MINUTE, wave + (MAX_PER_MINUTE - MIN_PER_MINUTE) / 20 * gaussianNoise));
    }

    private SyntheticEndpoint pickEndpoint() {
        double r = random.nextDouble();
        for (SyntheticEndpoint e : SYNTHETIC) {
            r -= e.weight();
            if (r < 0) {
                return e;
            }
        }
        return SYNTHETIC.get(SYNTHETIC.size() - 1);
    }

    private int pickErrorStatus() {
        double r = random.nextDouble();
        return r < 0.7 ? 500 : r < 0.85 ? 503 : 502;
    }

    private void count(Series series, long n) {
        requests.computeIfAbsent(series, s -> new LongAdder()).add(n);
    }

    /** Current counter values, for tests and for callers that want numbers rather than text. */
    Map<Series, Long> snapshot() {
        Map<Series, Long> copy = new HashMap<>();
        requests.forEach((s, n) -> copy.put(s, n.sum()));
        return copy;
    }

    String exposition() {
        StringBuilder out = new StringBuilder();
        PromText.family(out, "http_requests_total", "counter",
                "HTTP requests by method, route path and status, real and simulated background traffic.");
        List<Series> series = new ArrayList<>(requests.keySet());
        series.sort(Comparator.comparing(Series::path).thenComparing(Series::method)
                .thenComparingInt(Series::status));
        for (Series s : series) {
            PromText.sample(out, "http_requests_total", Long.toString(requests.get(s).sum()),
                    "method", s.method(), "path", s.path(), "status", Integer.toString(s.status()));
        }
        PromText.family(out, "http_request_duration_seconds", "histogram",
                "Time to serve real HTTP requests, by method and route path.");
        List<Route> routes = new ArrayList<>(durations.keySet());
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        for (Route r : routes) {
            durations.get(r).write(out, r);
        }
        return out.toString();
    }
}
