package io.releasewatch.demo;

import static io.releasewatch.demo.PlatformClient.parse;
import static io.releasewatch.demo.PlatformClient.sum;
import static io.releasewatch.demo.PlatformClient.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releasewatch.demo.PlatformClient.Sample;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform's /metrics and /node/metrics as a scraper sees them. */
class DemoMetricsTest {
    private static final String REQUESTS = "http_requests_total";

    /** Background traffic only: leaves out the scrapes and fault switching the test itself causes. */
    private static final Predicate<Sample> BACKGROUND =
            s -> !s.label("path").equals("/metrics") && !s.label("path").startsWith("/demo/");

    private DemoPlatform platform;
    private PlatformClient client;

    @BeforeEach
    void start() {
        platform = new DemoPlatform("t@demo.local", "pw").start(0);
        client = new PlatformClient(platform.baseUrl());
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    private Map<String, Sample> scrape() {
        HttpResponse<String> r = client.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return parse(r.body());
    }

    @Test
    void metricsPageIsPrometheusText() {
        HttpResponse<String> r = client.get("/metrics");
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain; version=0.0.4"));
        assertThat(r.body()).contains("# TYPE http_requests_total counter\n")
                .contains("# HELP http_requests_total ")
                .contains("# TYPE http_request_duration_seconds histogram\n");
        parse(r.body()); // every line must be a valid sample
    }

    @Test
    void backgroundTrafficMovesTheCountersBetweenScrapes() {
        double first = sum(scrape(), REQUESTS, BACKGROUND);
        AtomicReference<Map<String, Sample>> later = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            later.set(scrape());
            return sum(later.get(), REQUESTS, BACKGROUND) > first;
        });
        assertThat(later.get().values()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo(REQUESTS);
            assertThat(DemoTraffic.syntheticPaths()).contains(s.label("path"));
        });
    }

    @Test
    void realRequestsAreCountedByRouteAndStatus() {
        Map<String, Sample> before = scrape();
        for (int i = 0; i < 3; i++) {
            client.get("/api/health/payments");
        }
        platform.setFault("payments-503", true);
        client.get("/api/health/payments");
        client.get("/api/health/payments");
        client.get("/not/here");
        client.get("/also/missing");
        Map<String, Sample> after = scrape();

        String ok = REQUESTS + "{method=\"GET\",path=\"/api/health/payments\",status=\"200\"}";
        String failed = REQUESTS + "{method=\"GET\",path=\"/api/health/payments\",status=\"503\"}";
        String missing = REQUESTS + "{method=\"GET\",path=\"unmatched\",status=\"404\"}";
        assertThat(value(after, ok) - value(before, ok)).isEqualTo(3);
        assertThat(value(after, failed) - value(before, failed)).isEqualTo(2);
        assertThat(value(after, missing) - value(before, missing)).as("raw paths never become labels").isEqualTo(2);
        assertThat(after.keySet()).noneMatch(k -> k.contains("/not/here"));

        String labels = "{method=\"GET\",path=\"/api/health/payments\"";
        assertThat(value(after, "http_request_duration_seconds_count" + labels + "}")).isEqualTo(5);
        assertThat(value(after, "http_request_duration_seconds_bucket" + labels + ",le=\"+Inf\"}")).isEqualTo(5);
        assertThat(value(after, "http_request_duration_seconds_sum" + labels + "}")).isPositive();
        double previous = 0;
        for (double le : DemoTraffic.BUCKETS) {
            double bucket = value(after, "http_request_duration_seconds_bucket" + labels + ",le=\""
                    + PromText.number(le) + "\"}");
            assertThat(bucket).as("buckets are cumulative").isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(5);
            previous = bucket;
        }
    }

    @Test
    void slowRequestsLandInTheUpperHistogramBuckets() {
        platform.setFault("api-slow", true);
        assertThat(client.get("/api/health").statusCode()).isEqualTo(200);
        Map<String, Sample> after = scrape();
        String labels = "{method=\"GET\",path=\"/api/health\"";
        assertThat(value(after, "http_request_duration_seconds_bucket" + labels + ",le=\"1\"}")).isZero();
        assertThat(value(after, "http_request_duration_seconds_bucket" + labels + ",le=\"2.5\"}")).isEqualTo(1);
        assertThat(value(after, "http_request_duration_seconds_sum" + labels + "}")).isGreaterThanOrEqualTo(1.5);
    }

    @Test
    void errorsFaultPushesTheBackground5xxShareAboveFivePercent() {
        // The normal share (0.5%) is checked over long simulated runs in DemoTrafficTest.
        Map<String, Sample> before = scrape();

        client.post("/demo/faults/errors", "");
        AtomicReference<Map<String, Sample>> after = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            after.set(scrape());
            return sum(after.get(), REQUESTS, BACKGROUND) - sum(before, REQUESTS, BACKGROUND) >= 30;
        });
        assertThat(share5xx(after.get(), before)).as("share while the fault is on").isGreaterThan(0.12);
    }

    /** 5xx share of the background requests counted since {@code base}. */
    private static double share5xx(Map<String, Sample> now, Map<String, Sample> base) {
        Predicate<Sample> errors = BACKGROUND.and(s -> s.label("status").startsWith("5"));
        double total = sum(now, REQUESTS, BACKGROUND) - sum(base, REQUESTS, BACKGROUND);
        double failed = sum(now, REQUESTS, errors) - sum(base, REQUESTS, errors);
        return total == 0 ? 0 : failed / total;
    }

    @Test
    void nodeMetricsDescribeThisHost() throws Exception {
        HttpResponse<String> r = client.get("/node/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain; version=0.0.4"));
        Map<String, Sample> node = parse(r.body());

        double memTotal = sum(node, "node_memory_MemTotal_bytes", s -> true);
        double memAvailable = sum(node, "node_memory_MemAvailable_bytes", s -> true);
        assertThat(memTotal).isGreaterThan(64L * 1024 * 1024);
        assertThat(memAvailable).isPositive().isLessThanOrEqualTo(memTotal);

        List<Sample> size = node.values().stream().filter(s -> s.name().equals("node_filesystem_size_bytes")).toList();
        List<Sample> avail = node.values().stream().filter(s -> s.name().equals("node_filesystem_avail_bytes")).toList();
        assertThat(size).singleElement().satisfies(s -> {
            assertThat(s.label("mountpoint")).isEqualTo("/");
            assertThat(s.label("fstype")).isNotBlank();
            assertThat(s.value()).isPositive();
        });
        assertThat(avail).singleElement().satisfies(s -> assertThat(s.value()).isBetween(0.0, size.get(0).value()));

        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/stat")), "CPU and meminfo checks need Linux /proc");
        long cpus = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        List<Sample> cpu = node.values().stream().filter(s -> s.name().equals("node_cpu_seconds_total")).toList();
        assertThat(cpu).hasSize((int) cpus * 8);
        assertThat(cpu).extracting(s -> s.label("mode")).contains("user", "nice", "system", "idle", "iowait", "irq",
                "softirq", "steal");
        assertThat(cpu).allSatisfy(s -> assertThat(s.value()).isGreaterThanOrEqualTo(0));
        assertThat(sum(node, "node_cpu_seconds_total", s -> s.label("mode").equals("idle"))).isPositive();

        long memTotalKb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
        assertThat(memTotal).isEqualTo(memTotalKb * 1024.0);

        // CPU time only moves forward.
        double busyBefore = sum(node, "node_cpu_seconds_total", s -> true);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(
                () -> sum(parse(client.get("/node/metrics").body()), "node_cpu_seconds_total", s -> true) > busyBefore);
    }
}
