package io.releasewatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing of /proc files, fed with fixed copies so the arithmetic can be checked exactly. */
class DemoHostMetricsTest {
    @TempDir
    Path dir;

    @Test
    void convertsJiffiesAndKilobytes() throws IOException {
        Path stat = Files.writeString(dir.resolve("stat"), """
                cpu  2000 30 700 900000 120 0 45 7 0 0
                cpu0 1234 10 500 450000 100 0 40 5 0 0
                cpu1 766 20 200 450000 20 0 5 2 0 0
                intr 12345 0 0
                ctxt 999
                """);
        Path meminfo = Files.writeString(dir.resolve("meminfo"), """
                MemTotal:        2048000 kB
                MemFree:          100000 kB
                MemAvailable:     512000 kB
                HugePages_Total:       0
                """);

        String text = new HostMetrics(stat, meminfo, dir).exposition();

        assertThat(text).contains("# TYPE node_cpu_seconds_total counter\n")
                .contains("node_cpu_seconds_total{cpu=\"0\",mode=\"user\"} 12.34\n")
                .contains("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"} 4500\n")
                .contains("node_cpu_seconds_total{cpu=\"1\",mode=\"steal\"} 0.02\n")
                .contains("node_cpu_seconds_total{cpu=\"1\",mode=\"softirq\"} 0.05\n")
                .doesNotContain("cpu=\"\"")
                .contains("node_memory_MemTotal_bytes 2097152000\n")
                .contains("node_memory_MemAvailable_bytes 524288000\n");
        assertThat(text.lines().filter(l -> l.startsWith("node_cpu_seconds_total{")).count()).isEqualTo(16);
        assertThat(text.lines().filter(l -> l.startsWith("node_filesystem_size_bytes{")).findFirst())
                .hasValueSatisfying(l -> assertThat(l).contains("mountpoint=\"" + dir + "\""));
        PlatformClient.parse(text);
    }

    @Test
    void oldKernelsWithFewerCpuColumnsExportWhatIsThere() throws IOException {
        Path stat = Files.writeString(dir.resolve("stat"), "cpu0 100 0 50 1000\n");
        String text = new HostMetrics(stat, dir.resolve("none"), dir).exposition();
        assertThat(text).contains("mode=\"idle\"} 10\n").doesNotContain("mode=\"iowait\"");
    }

    @Test
    void withoutProcTheCpuIsLeftOutAndMemoryComesFromTheJvm() {
        String text = new HostMetrics(dir.resolve("no-stat"), dir.resolve("no-meminfo"), dir).exposition();
        assertThat(text).doesNotContain("node_cpu_seconds_total");
        var samples = PlatformClient.parse(text);
        double total = PlatformClient.sum(samples, "node_memory_MemTotal_bytes", s -> true);
        double available = PlatformClient.sum(samples, "node_memory_MemAvailable_bytes", s -> true);
        assertThat(total).isPositive();
        assertThat(available).isPositive().isLessThanOrEqualTo(total);
        assertThat(text).contains("node_filesystem_avail_bytes{");
    }
}
