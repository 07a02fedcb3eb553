package io.releasewatch.demo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.math.BigDecimal;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * node_exporter-compatible metrics of the machine the platform runs on, read fresh on every scrape so
 * the monitor's saturation checks see real numbers. Anything that cannot be read is left out rather
 * than reported as zero.
 */
final class HostMetrics {
    /** Linux reports /proc/stat in USER_HZ ticks, which is 100 on every mainstream architecture. */
    static final int USER_HZ = 100;

    private static final List<String> CPU_MODES =
            List.of("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal");

    private final Path procStat;
    private final Path procMeminfo;
    private final Path filesystem;

    HostMetrics() {
        this(Path.of("/proc/stat"), Path.of("/proc/meminfo"), Path.of("/"));
    }

    HostMetrics(Path procStat, Path procMeminfo, Path filesystem) {
        this.procStat = procStat;
        this.procMeminfo = procMeminfo;
        this.filesystem = filesystem;
    }

    String exposition() {
        StringBuilder out = new StringBuilder();
        writeCpu(out);
        writeMemory(out);
        writeFilesystem(out);
        return out.toString();
    }

    /* No JVM fallback: the MXBean only offers load averages, not time per mode. */
    private void writeCpu(StringBuilder out) {
        List<String> lines;
        try {
            lines = Files.readAllLines(procStat);
        } catch (IOException | SecurityException e) {
            return;
        }
        boolean headerWritten = false;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            // Per-CPU lines only ("cpu0"...); the aggregate "cpu" line is what node_exporter leaves out too.
            if (f.length < 2 || !f[0].startsWith("cpu") || f[0].length() == 3) {
                continue;
            }
            String cpu = f[0].substring(3);
            if (!cpu.chars().allMatch(Character::isDigit)) {
                continue;
            }
            for (int i = 0; i < CPU_MODES.size() && i + 1 < f.length; i++) {
                long jiffies;
                try {
                    jiffies = Long.parseLong(f[i + 1]);
                } catch (NumberFormatException e) {
                    break;
                }
                if (!headerWritten) {
                    PromText.family(out, "node_cpu_seconds_total", "counter",
                            "Seconds the CPUs spent in each mode.");
                    headerWritten = true;
                }
                PromText.sample(out, "node_cpu_seconds_total",
                        BigDecimal.valueOf(jiffies).divide(BigDecimal.valueOf(USER_HZ)).toPlainString(),
                        "cpu", cpu, "mode", CPU_MODES.get(i));
            }
        }
    }

    private void writeMemory(StringBuilder out) {
        Map<String, Long> meminfo = readMeminfo();
        Long total = meminfo.get("MemTotal");
        Long available = meminfo.get("MemAvailable");
        if (total == null || available == null) {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                if (total == null) {
                    total = positiveOrNull(sun.getTotalMemorySize());
                }
                // Free memory understates what is available (it ignores reclaimable cache), so a
                // saturation alert may fire early on such hosts; that beats reporting nothing.
                if (available == null) {
                    available = positiveOrNull(sun.getFreeMemorySize());
                }
            }
        }
        if (total != null) {
            PromText.family(out, "node_memory_MemTotal_bytes", "gauge", "Memory information field MemTotal_bytes.");
            PromText.sample(out, "node_memory_MemTotal_bytes", Long.toString(total));
        }
        if (available != null) {
            PromText.family(out, "node_memory_MemAvailable_bytes", "gauge",
                    "Memory information field MemAvailable_bytes.");
            PromText.sample(out, "node_memory_MemAvailable_bytes", Long.toString(available));
        }
    }

    /** Byte values of the fields in /proc/meminfo, which reports them in kB (meaning KiB). */
    private Map<String, Long> readMeminfo() {
        Map<String, Long> values = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(procMeminfo);
        } catch (IOException | SecurityException e) {
            return values;
        }
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            try {
                long n = Long.parseLong(f[0]);
                boolean kb = f.length > 1 && f[1].equalsIgnoreCase("kB");
                values.put(line.substring(0, colon).trim(), kb ? n * 1024 : n);
            } catch (NumberFormatException e) {
                // Not a number field; nothing we export.
            }
        }
        return values;
    }

    private void writeFilesystem(StringBuilder out) {
        FileStore store;
        long size;
        long avail;
        try {
            store = Files.getFileStore(filesystem);
            size = store.getTotalSpace();
            // Usable space is what non-root users can still write, matching node_exporter's avail (f_bavail).
            avail = store.getUsableSpace();
        } catch (IOException | SecurityException e) {
            return;
        }
        String[] labels = {"device", store.name(), "fstype", store.type(), "mountpoint", filesystem.toString()};
        PromText.family(out, "node_filesystem_size_bytes", "gauge", "Filesystem size in bytes.");
        PromText.sample(out, "node_filesystem_size_bytes", Long.toString(size), labels);
        PromText.family(out, "node_filesystem_avail_bytes", "gauge",
                "Filesystem space available to non-root users in bytes.");
        PromText.sample(out, "node_filesystem_avail_bytes", Long.toString(avail), labels);
    }

    private static Long positiveOrNull(long v) {
        return v > 0 ? v : null;
    }
}
