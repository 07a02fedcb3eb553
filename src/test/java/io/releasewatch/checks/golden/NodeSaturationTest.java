package io.releasewatch.checks.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class NodeSaturationTest {

    /** A node_exporter-like scrape with 2 CPUs; the CPU counters are parameters, the rest is fixed. */
    static String nodeScrape(double[] cpu0, double[] cpu1) {
        String[] modes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n");
        sb.append("# TYPE node_cpu_seconds_total counter\n");
        for (int c = 0; c < 2; c++) {
            double[] v = c == 0 ? cpu0 : cpu1;
            for (int m = 0; m < modes.length; m++) {
                sb.append(String.format(Locale.ROOT, "node_cpu_seconds_total{cpu=\"%d\",mode=\"%s\"} %s%n", c, modes[m], v[m]));
            }
        }
        sb.append("# HELP node_cpu_guest_seconds_total Seconds the CPUs spent in guests (VMs) for each mode.\n");
        sb.append("# TYPE node_cpu_guest_seconds_total counter\n");
        sb.append("node_cpu_guest_seconds_total{cpu=\"0\",mode=\"nice\"} 0\n");
        sb.append("node_cpu_guest_seconds_total{cpu=\"0\",mode=\"user\"} 123456\n");
        sb.append("# HELP node_memory_MemAvailable_bytes Memory information field MemAvailable_bytes.\n");
        sb.append("# TYPE node_memory_MemAvailable_bytes gauge\n");
        sb.append("node_memory_MemAvailable_bytes 2e+09\n");
        sb.append("# TYPE node_memory_MemFree_bytes gauge\n");
        sb.append("node_memory_MemFree_bytes 3.5e+08\n");
        sb.append("# TYPE node_memory_MemTotal_bytes gauge\n");
        sb.append("node_memory_MemTotal_bytes 8e+09\n");
        sb.append("# TYPE node_filesystem_avail_bytes gauge\n");
        sb.append("node_filesystem_avail_bytes{device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/\"} 2.5e+10\n");
        sb.append("node_filesystem_avail_bytes{device=\"/dev/sda2\",fstype=\"vfat\",mountpoint=\"/boot/efi\"} 9e+08\n");
        sb.append("node_filesystem_avail_bytes{device=\"tmpfs\",fstype=\"tmpfs\",mountpoint=\"/run\"} 8e+08\n");
        sb.append("# TYPE node_filesystem_free_bytes gauge\n");
        sb.append("node_filesystem_free_bytes{device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/\"} 3e+10\n");
        sb.append("# TYPE node_filesystem_size_bytes gauge\n");
        sb.append("node_filesystem_size_bytes{device=\"/dev/sda1\",fstype=\"ext4\",mountpoint=\"/\"} 1e+11\n");
        sb.append("node_filesystem_size_bytes{device=\"/dev/sda2\",fstype=\"vfat\",mountpoint=\"/boot/efi\"} 1e+09\n");
        sb.append("node_filesystem_size_bytes{device=\"tmpfs\",fstype=\"tmpfs\",mountpoint=\"/run\"} 1.6e+09\n");
        return sb.toString();
    }

    //                           idle    iowait irq nice softirq steal system user
    static final double[] CPU0_T0 = {1000.0, 10.0, 0, 3, 5.0, 0, 50.0, 200.0};
    static final double[] CPU1_T0 = {900.0, 20.0, 0, 0, 5.0, 0, 60.0, 300.0};
    static final double[] CPU0_T1 = {1040.0, 12.0, 0, 3, 6.0, 0, 55.0, 212.0};  // +40 +2 +0 +0 +1 +0 +5 +12 = 60, idle+iowait 42
    static final double[] CPU1_T1 = {930.0, 25.0, 0, 0, 6.0, 0.5, 64.0, 319.5}; // +30 +5 +0 +0 +1 +.5 +4 +19.5 = 60, idle+iowait 35

    private final NodeSaturation node = new NodeSaturation();

    @Test
    void cpuMemoryAndDiskFromTwoKnownSnapshots() {
        NodeSaturation.Snapshot t0 = node.snapshot(PrometheusText.parse(nodeScrape(CPU0_T0, CPU1_T0)));
        NodeSaturation.Snapshot t1 = node.snapshot(PrometheusText.parse(nodeScrape(CPU0_T1, CPU1_T1)));

        Saturation s = node.measure(t0, t1);

        // total CPU time 120 s, idle+iowait 77 s -> busy 43 s -> 35.8333 %
        assertThat(s.cpu().percent()).isCloseTo(43.0 / 120.0 * 100.0, within(1e-9));
        assertThat(s.cpu().detail()).contains("busy 43.00 s of 120.00 s", "2 cpus");
        // 1 - 2e9/8e9
        assertThat(s.memory().percent()).isCloseTo(75.0, within(1e-9));
        // 1 - 2.5e10/1e11
        assertThat(s.disk().percent()).isCloseTo(75.0, within(1e-9));
        assertThat(s.disk().detail()).startsWith("/: ");
    }

    @Test
    void firstSnapshotHasNoCpuButHasMemoryAndDisk() {
        Saturation s = node.measure(null, PrometheusText.parse(nodeScrape(CPU0_T0, CPU1_T0)));
        assertThat(s.cpu().available()).isFalse();
        assertThat(s.cpu().percent()).isNull();
        assertThat(s.cpu().detail()).contains("two scrapes");
        assertThat(s.memory().percent()).isCloseTo(75.0, within(1e-9));
        assertThat(s.disk().percent()).isCloseTo(75.0, within(1e-9));
    }

    @Test
    void configuredMountpointIsUsed() {
        Saturation s = new NodeSaturation("/boot/efi").measure(null, PrometheusText.parse(nodeScrape(CPU0_T0, CPU1_T0)));
        assertThat(s.disk().percent()).isCloseTo(10.0, within(1e-9));  // 1 - 9e8/1e9
        assertThat(new NodeSaturation("/run").measure(null, PrometheusText.parse(nodeScrape(CPU0_T0, CPU1_T0)))
                .disk().percent()).isCloseTo(50.0, within(1e-9));  // 1 - 8e8/1.6e9

        Saturation missing = new NodeSaturation("/data").measure(null, PrometheusText.parse(nodeScrape(CPU0_T0, CPU1_T0)));
        assertThat(missing.disk().percent()).isNull();
        assertThat(missing.disk().detail()).contains("mountpoint \"/data\"");
    }

    @Test
    void cpuCounterResetAfterNodeReboot() {
        NodeSaturation.Snapshot t0 = node.snapshot(PrometheusText.parse(nodeScrape(CPU0_T1, CPU1_T1)));
        // after reboot all counters restarted from 0: the increase is the current value
        double[] c0 = {30, 0, 0, 0, 0, 0, 5, 5};   // total 40, idle 30
        double[] c1 = {20, 10, 0, 0, 0, 0, 5, 5};  // total 40, idle 30
        Saturation s = node.measure(t0, node.snapshot(PrometheusText.parse(nodeScrape(c0, c1))));
        assertThat(s.cpu().percent()).isCloseTo(20.0 / 80.0 * 100.0, within(1e-9));
        assertThat(s.cpu().detail()).contains("counter reset");
    }

    @Test
    void noCpuTimeElapsedIsUnavailable() {
        NodeSaturation.Snapshot t0 = node.snapshot(PrometheusText.parse(nodeScrape(CPU0_T0, CPU1_T0)));
        Saturation s = node.measure(t0, node.snapshot(PrometheusText.parse(nodeScrape(CPU0_T0, CPU1_T0))));
        assertThat(s.cpu().percent()).isNull();
        assertThat(s.cpu().detail()).contains("no CPU time elapsed");
    }

    @Test
    void eachFamilyIsIndependentlyUnavailableWhenMissing() {
        String full = nodeScrape(CPU0_T1, CPU1_T1);
        NodeSaturation.Snapshot t0 = node.snapshot(PrometheusText.parse(nodeScrape(CPU0_T0, CPU1_T0)));

        String noCpu = withoutLinesStarting(full, "node_cpu_seconds_total");
        Saturation s1 = node.measure(t0, PrometheusText.parse(noCpu));
        assertThat(s1.cpu().percent()).isNull();
        assertThat(s1.cpu().detail()).contains("node_cpu_seconds_total");
        assertThat(s1.memory().percent()).isCloseTo(75.0, within(1e-9));
        assertThat(s1.disk().percent()).isCloseTo(75.0, within(1e-9));

        String noMemAvail = withoutLinesStarting(full, "node_memory_MemAvailable_bytes");
        Saturation s2 = node.measure(t0, PrometheusText.parse(noMemAvail));
        assertThat(s2.memory().percent()).isNull();
        assertThat(s2.memory().detail()).contains("node_memory_MemAvailable_bytes");
        assertThat(s2.cpu().percent()).isCloseTo(43.0 / 120.0 * 100.0, within(1e-9));
        assertThat(s2.disk().percent()).isCloseTo(75.0, within(1e-9));

        String noMemTotal = withoutLinesStarting(full, "node_memory_MemTotal_bytes");
        assertThat(node.measure(t0, PrometheusText.parse(noMemTotal)).memory().detail())
                .contains("node_memory_MemTotal_bytes");

        String noFsAvail = withoutLinesStarting(full, "node_filesystem_avail_bytes");
        Saturation s3 = node.measure(t0, PrometheusText.parse(noFsAvail));
        assertThat(s3.disk().percent()).isNull();
        assertThat(s3.disk().detail()).contains("node_filesystem_avail_bytes");
        assertThat(s3.memory().percent()).isCloseTo(75.0, within(1e-9));

        String noFsSize = withoutLinesStarting(full, "node_filesystem_size_bytes");
        assertThat(node.measure(t0, PrometheusText.parse(noFsSize)).disk().detail())
                .contains("node_filesystem_size_bytes");

        // a scrape that is not node_exporter at all
        Saturation none = node.measure(t0, PrometheusText.parse("http_requests_total{status=\"200\"} 5\n"));
        assertThat(none.cpu().available()).isFalse();
        assertThat(none.memory().available()).isFalse();
        assertThat(none.disk().available()).isFalse();

        // previous scrape lacked CPU: still unavailable this time
        NodeSaturation.Snapshot noCpuBefore = node.snapshot(PrometheusText.parse(noCpu));
        assertThat(node.measure(noCpuBefore, PrometheusText.parse(full)).cpu().detail())
                .contains("missing from the previous scrape");
    }

    @Test
    void unusableMemoryValuesAreUnavailable() {
        Saturation s = node.measure(null, PrometheusText.parse(
                "node_memory_MemAvailable_bytes NaN\nnode_memory_MemTotal_bytes 8e9\n"));
        assertThat(s.memory().percent()).isNull();
        Saturation z = node.measure(null, PrometheusText.parse(
                "node_memory_MemAvailable_bytes 0\nnode_memory_MemTotal_bytes 0\n"));
        assertThat(z.memory().percent()).isNull();
    }

    private static String withoutLinesStarting(String text, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
