package io.releasewatch.checks.golden;

import io.releasewatch.checks.golden.Saturation.Reading;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Saturation of a host from node_exporter scrapes.
 *
 * <ul>
 *   <li>CPU busy % from {@code node_cpu_seconds_total} increases between two scrapes, over all CPUs:
 *       busy = total - idle - iowait (modes {@code idle} and {@code iowait}); counter resets are
 *       handled as in {@link TrafficErrorSignals}. Needs two snapshots.</li>
 *   <li>Memory used % = (1 - {@code node_memory_MemAvailable_bytes} / {@code node_memory_MemTotal_bytes}) x 100.</li>
 *   <li>Disk used % = (1 - {@code node_filesystem_avail_bytes} / {@code node_filesystem_size_bytes}) x 100
 *       for the configured mountpoint (default {@code /}). Avail is the space available to
 *       unprivileged users, so root-reserved blocks count as used.</li>
 * </ul>
 * Each reading is independently unavailable, with a reason, when its metrics are missing.
 * Immutable and thread-safe.
 */
public final class NodeSaturation {
    public static final String DEFAULT_MOUNTPOINT = "/";

    static final String CPU = "node_cpu_seconds_total";
    static final String MEM_AVAILABLE = "node_memory_MemAvailable_bytes";
    static final String MEM_TOTAL = "node_memory_MemTotal_bytes";
    static final String FS_AVAIL = "node_filesystem_avail_bytes";
    static final String FS_SIZE = "node_filesystem_size_bytes";

    private final String mountpoint;

    public NodeSaturation() {
        this(DEFAULT_MOUNTPOINT);
    }

    /** @param mountpoint the {@code mountpoint} label value of the filesystem to watch, e.g. "/" or "/var/lib/data" */
    public NodeSaturation(String mountpoint) {
        Objects.requireNonNull(mountpoint, "mountpoint");
        if (mountpoint.isBlank()) throw new IllegalArgumentException("mountpoint must not be blank");
        this.mountpoint = mountpoint;
    }

    public String mountpoint() {
        return mountpoint;
    }

    /**
     * What one scrape contributes: the CPU counters (kept for the next scrape) and the memory and
     * disk readings, which need only this scrape. Immutable.
     */
    public static final class Snapshot {
        private final Map<Map<String, String>, Double> cpuSeconds; // null when the metric is absent
        private final Reading memory;
        private final Reading disk;

        private Snapshot(Map<Map<String, String>, Double> cpuSeconds, Reading memory, Reading disk) {
            this.cpuSeconds = cpuSeconds == null ? null : Collections.unmodifiableMap(cpuSeconds);
            this.memory = memory;
            this.disk = disk;
        }

        /** Whether {@code node_cpu_seconds_total} was in the scrape. */
        public boolean cpuPresent() {
            return cpuSeconds != null;
        }

        /** CPU seconds per label set (cpu, mode), or an empty map when absent. Immutable. */
        public Map<Map<String, String>, Double> cpuSeconds() {
            return cpuSeconds == null ? Map.of() : cpuSeconds;
        }

        public Reading memory() {
            return memory;
        }

        public Reading disk() {
            return disk;
        }
    }

    /** Extracts what this check needs from one node_exporter scrape. */
    public Snapshot snapshot(PrometheusText scrape) {
        Objects.requireNonNull(scrape, "scrape");
        Map<Map<String, String>, Double> cpu = null;
        if (scrape.contains(CPU)) {
            cpu = new LinkedHashMap<>();
            for (PrometheusText.Sample s : scrape.samples(CPU)) {
                if (Double.isFinite(s.value())) cpu.merge(s.labels(), s.value(), Double::sum);
            }
        }
        return new Snapshot(cpu, memory(scrape), disk(scrape));
    }

    /**
     * Combines two snapshots. CPU needs both (previous null, e.g. on the first scrape, makes it
     * unavailable); memory and disk come from {@code current} alone.
     */
    public Saturation measure(Snapshot previous, Snapshot current) {
        Objects.requireNonNull(current, "current");
        return new Saturation(cpu(previous, current), current.memory, current.disk);
    }

    /** Convenience: {@code measure(previous, snapshot(current))}. Keep {@code snapshot(current)} for the next call. */
    public Saturation measure(Snapshot previous, PrometheusText current) {
        return measure(previous, snapshot(current));
    }

    private static Reading cpu(Snapshot previous, Snapshot current) {
        if (current.cpuSeconds == null) {
            return Reading.unavailable("metric " + CPU + " not found in the scrape");
        }
        if (previous == null) {
            return Reading.unavailable("first scrape: CPU busy % needs two scrapes of " + CPU);
        }
        if (previous.cpuSeconds == null) {
            return Reading.unavailable("metric " + CPU + " was missing from the previous scrape: CPU busy % needs two scrapes");
        }
        Counters.Delta total = Counters.delta(previous.cpuSeconds, current.cpuSeconds, k -> true);
        Counters.Delta idle = Counters.delta(previous.cpuSeconds, current.cpuSeconds, NodeSaturation::isIdle);
        if (total.increase() <= 0) {
            return Reading.unavailable("no CPU time elapsed between the two scrapes of " + CPU);
        }
        double busy = total.increase() - idle.increase();
        double percent = busy / total.increase() * 100.0;
        String detail = String.format(Locale.ROOT, "busy %.2f s of %.2f s CPU time (%d cpus)",
                busy, total.increase(), countCpus(current.cpuSeconds));
        if (total.resets() > 0) detail += "; counter reset on " + total.resets() + " series (node restart?)";
        return Reading.of(percent, detail);
    }

    private static boolean isIdle(Map<String, String> labels) {
        String mode = labels.get("mode");
        return "idle".equals(mode) || "iowait".equals(mode);
    }

    private static long countCpus(Map<Map<String, String>, Double> series) {
        return series.keySet().stream().map(l -> l.get("cpu")).filter(Objects::nonNull).distinct().count();
    }

    private static Reading memory(PrometheusText scrape) {
        for (String name : List.of(MEM_TOTAL, MEM_AVAILABLE)) {
            if (!scrape.contains(name)) return Reading.unavailable("metric " + name + " not found in the scrape");
        }
        double total = scrape.samples(MEM_TOTAL).get(0).value();
        double available = scrape.samples(MEM_AVAILABLE).get(0).value();
        if (!(total > 0) || !Double.isFinite(total) || !Double.isFinite(available) || available < 0) {
            return Reading.unavailable("unusable memory values: " + MEM_AVAILABLE + "=" + available
                    + ", " + MEM_TOTAL + "=" + total);
        }
        return Reading.of((1 - available / total) * 100.0,
                "MemAvailable " + bytes(available) + " of MemTotal " + bytes(total));
    }

    private Reading disk(PrometheusText scrape) {
        for (String name : List.of(FS_SIZE, FS_AVAIL)) {
            if (!scrape.contains(name)) return Reading.unavailable("metric " + name + " not found in the scrape");
        }
        List<PrometheusText.Sample> sizes = scrape.samples(FS_SIZE, PrometheusText.labelEquals("mountpoint", mountpoint));
        if (sizes.isEmpty()) {
            return Reading.unavailable("no " + FS_SIZE + " series for mountpoint \"" + mountpoint + "\"");
        }
        // Pair size and avail by identical label sets (device, fstype, mountpoint).
        for (PrometheusText.Sample size : sizes) {
            List<PrometheusText.Sample> avail = scrape.samples(FS_AVAIL, l -> l.equals(size.labels()));
            if (avail.isEmpty()) continue;
            double s = size.value();
            double a = avail.get(0).value();
            if (!(s > 0) || !Double.isFinite(s) || !Double.isFinite(a) || a < 0) {
                return Reading.unavailable("unusable filesystem values for mountpoint \"" + mountpoint + "\": avail="
                        + a + ", size=" + s);
            }
            String detail = mountpoint + ": " + bytes(a) + " available of " + bytes(s);
            if (sizes.size() > 1) {
                detail += " (" + sizes.size() + " filesystems at this mountpoint; using device "
                        + size.labels().getOrDefault("device", "?") + ")";
            }
            return Reading.of((1 - a / s) * 100.0, detail);
        }
        return Reading.unavailable("no " + FS_AVAIL + " series for mountpoint \"" + mountpoint + "\"");
    }

    static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        while (Math.abs(b) >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", b) : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }
}
