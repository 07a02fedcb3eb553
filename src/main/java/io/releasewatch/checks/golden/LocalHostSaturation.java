package io.releasewatch.checks.golden;

import io.releasewatch.checks.golden.Saturation.Reading;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Saturation of the machine the monitor itself runs on, for platforms hosted there.
 *
 * <ul>
 *   <li>CPU: {@code com.sun.management.OperatingSystemMXBean#getCpuLoad()} (recent system-wide CPU
 *       load; a negative value means unavailable). Inside a container the JDK reports the
 *       container's share.</li>
 *   <li>Memory: (1 - MemAvailable/MemTotal) x 100 from {@code /proc/meminfo} when readable;
 *       otherwise from the MXBean's total and free memory (free excludes reclaimable cache, so
 *       this overstates usage; the detail says so).</li>
 *   <li>Disk: (1 - usable/total) x 100 of {@link Files#getFileStore(Path)} for the configured path
 *       (default {@code /}).</li>
 * </ul>
 */
public final class LocalHostSaturation {
    public static final Path DEFAULT_PATH = Path.of("/");
    static final Path PROC_MEMINFO = Path.of("/proc/meminfo");

    private final Path diskPath;
    private final Path meminfo;
    private final DoubleSupplier cpuLoad;
    private final LongSupplier totalMemory;
    private final LongSupplier freeMemory;

    /** Watches the filesystem holding {@code /}. */
    public LocalHostSaturation() {
        this(DEFAULT_PATH);
    }

    /** @param diskPath any path on the filesystem to watch */
    public LocalHostSaturation(Path diskPath) {
        this(diskPath, PROC_MEMINFO, platformCpuLoad(), platformTotalMemory(), platformFreeMemory());
    }

    /** For tests: every source replaceable. */
    LocalHostSaturation(Path diskPath, Path meminfo, DoubleSupplier cpuLoad, LongSupplier totalMemory,
                        LongSupplier freeMemory) {
        this.diskPath = Objects.requireNonNull(diskPath, "diskPath");
        this.meminfo = meminfo;
        this.cpuLoad = Objects.requireNonNull(cpuLoad, "cpuLoad");
        this.totalMemory = Objects.requireNonNull(totalMemory, "totalMemory");
        this.freeMemory = Objects.requireNonNull(freeMemory, "freeMemory");
    }

    public Path diskPath() {
        return diskPath;
    }

    /** Takes the three readings now. Never throws for an unreadable source: that reading is unavailable instead. */
    public Saturation measure() {
        return new Saturation(cpu(), memory(), disk());
    }

    Reading cpu() {
        double load;
        try {
            load = cpuLoad.getAsDouble();
        } catch (RuntimeException e) {
            return Reading.unavailable("CPU load unavailable: " + e);
        }
        if (!Double.isFinite(load) || load < 0) {
            return Reading.unavailable("the JVM reports no CPU load on this platform (getCpuLoad=" + load + ")");
        }
        return Reading.of(Math.min(load, 1.0) * 100.0, "recent system CPU load of the monitor host (JVM OperatingSystemMXBean)");
    }

    Reading memory() {
        String procProblem;
        if (meminfo == null) {
            procProblem = "no meminfo file configured";
        } else {
            try {
                MemInfo m = parseMeminfo(Files.readAllLines(meminfo));
                if (m.total().isPresent() && m.available().isPresent() && m.total().getAsLong() > 0) {
                    long total = m.total().getAsLong();
                    long avail = m.available().getAsLong();
                    return Reading.of((1 - (double) avail / total) * 100.0,
                            "MemAvailable " + NodeSaturation.bytes(avail * 1024.0) + " of MemTotal "
                                    + NodeSaturation.bytes(total * 1024.0) + " (" + meminfo + ")");
                }
                procProblem = meminfo + " has no usable MemTotal/MemAvailable";
            } catch (IOException | RuntimeException e) {
                procProblem = meminfo + " not readable (" + e.getClass().getSimpleName() + ")";
            }
        }
        long total;
        long free;
        try {
            total = totalMemory.getAsLong();
            free = freeMemory.getAsLong();
        } catch (RuntimeException e) {
            return Reading.unavailable(procProblem + "; JVM memory figures unavailable: " + e);
        }
        if (total <= 0 || free < 0) {
            return Reading.unavailable(procProblem + "; JVM reports no usable memory figures (total=" + total
                    + ", free=" + free + ")");
        }
        return Reading.of((1 - (double) Math.min(free, total) / total) * 100.0,
                "free " + NodeSaturation.bytes(free) + " of " + NodeSaturation.bytes(total)
                        + " from the JVM (" + procProblem + "; free excludes cache, so usage is overstated)");
    }

    Reading disk() {
        try {
            FileStore store = Files.getFileStore(diskPath);
            long total = store.getTotalSpace();
            long usable = store.getUsableSpace();
            if (total <= 0) {
                return Reading.unavailable("filesystem of " + diskPath + " reports no size (" + store.type() + ")");
            }
            return Reading.of((1 - (double) Math.min(usable, total) / total) * 100.0,
                    diskPath + ": " + NodeSaturation.bytes(usable) + " available of " + NodeSaturation.bytes(total));
        } catch (IOException | RuntimeException e) {
            return Reading.unavailable("cannot read the filesystem of " + diskPath + ": " + e);
        }
    }

    /** MemTotal and MemAvailable in kB, each empty when absent. */
    record MemInfo(OptionalLong total, OptionalLong available) {
    }

    static MemInfo parseMeminfo(List<String> lines) {
        OptionalLong total = OptionalLong.empty();
        OptionalLong available = OptionalLong.empty();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim();
            if (!key.equals("MemTotal") && !key.equals("MemAvailable")) continue;
            String[] parts = line.substring(colon + 1).trim().split("\\s+");
            long v;
            try {
                v = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            // /proc/meminfo always says kB; tolerate a missing unit, reject anything else
            if (parts.length > 1 && !parts[1].toLowerCase(Locale.ROOT).equals("kb")) continue;
            if (key.equals("MemTotal")) total = OptionalLong.of(v);
            else available = OptionalLong.of(v);
        }
        return new MemInfo(total, available);
    }

    private static com.sun.management.OperatingSystemMXBean sunBean() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean b ? b : null;
    }

    private static DoubleSupplier platformCpuLoad() {
        var bean = sunBean();
        return bean == null ? () -> -1 : bean::getCpuLoad;
    }

    private static LongSupplier platformTotalMemory() {
        var bean = sunBean();
        return bean == null ? () -> -1 : bean::getTotalMemorySize;
    }

    private static LongSupplier platformFreeMemory() {
        var bean = sunBean();
        return bean == null ? () -> -1 : bean::getFreeMemorySize;
    }
}
