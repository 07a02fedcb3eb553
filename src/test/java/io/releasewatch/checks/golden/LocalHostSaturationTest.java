package io.releasewatch.checks.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalHostSaturationTest {

    @TempDir
    Path tmp;

    @Test
    void memoryAndDiskOfThisMachineAreWithinZeroToHundred() {
        Saturation s = new LocalHostSaturation().measure();
        assertThat(s.memory().percent()).as(s.memory().detail()).isNotNull().isBetween(0.0, 100.0);
        assertThat(s.disk().percent()).as(s.disk().detail()).isNotNull().isBetween(0.0, 100.0);
        if (s.cpu().available()) {
            assertThat(s.cpu().percent()).isBetween(0.0, 100.0);
        } else {
            assertThat(s.cpu().detail()).isNotBlank();
        }
        Saturation ofTemp = new LocalHostSaturation(tmp).measure();
        assertThat(ofTemp.disk().percent()).isNotNull().isBetween(0.0, 100.0);
    }

    @Test
    void memoryFromProcMeminfo() throws IOException {
        Path meminfo = tmp.resolve("meminfo");
        Files.write(meminfo, List.of(
                "MemTotal:        16000000 kB",
                "MemFree:          1000000 kB",
                "MemAvailable:     4000000 kB",
                "Buffers:           200000 kB"));
        LocalHostSaturation local = new LocalHostSaturation(tmp, meminfo, () -> 0.25, () -> 100, () -> 90);
        Saturation s = local.measure();
        assertThat(s.memory().percent()).isCloseTo(75.0, within(1e-9));
        assertThat(s.memory().detail()).contains("MemAvailable");
        assertThat(s.cpu().percent()).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void memoryFallsBackToJvmFiguresWhenMeminfoIsUnreadableOrIncomplete() throws IOException {
        LocalHostSaturation noFile = new LocalHostSaturation(tmp, tmp.resolve("does-not-exist"), () -> 0.5,
                () -> 1000, () -> 400);
        Saturation s = noFile.measure();
        assertThat(s.memory().percent()).isCloseTo(60.0, within(1e-9));
        assertThat(s.memory().detail()).contains("from the JVM", "not readable");

        Path oldKernel = tmp.resolve("meminfo-old");  // kernels before 3.14 have no MemAvailable
        Files.write(oldKernel, List.of("MemTotal: 1000 kB", "MemFree: 100 kB"));
        Saturation s2 = new LocalHostSaturation(tmp, oldKernel, () -> 0.5, () -> 1000, () -> 250).measure();
        assertThat(s2.memory().percent()).isCloseTo(75.0, within(1e-9));
        assertThat(s2.memory().detail()).contains("no usable MemTotal/MemAvailable");

        Saturation none = new LocalHostSaturation(tmp, null, () -> 0.5, () -> -1, () -> -1).measure();
        assertThat(none.memory().percent()).isNull();
        assertThat(none.memory().detail()).isNotBlank();
    }

    @Test
    void negativeCpuLoadIsUnavailable() {
        Saturation s = new LocalHostSaturation(tmp, null, () -> -1.0, () -> 1000, () -> 500).measure();
        assertThat(s.cpu().percent()).isNull();
        assertThat(s.cpu().detail()).contains("no CPU load");
        assertThat(new LocalHostSaturation(tmp, null, () -> Double.NaN, () -> 1, () -> 1).measure().cpu().available())
                .isFalse();
    }

    @Test
    void missingDiskPathIsUnavailable() {
        Path nowhere = tmp.resolve("no/such/dir");
        Saturation s = new LocalHostSaturation(nowhere, null, () -> 0.1, () -> 1000, () -> 500).measure();
        assertThat(s.disk().percent()).isNull();
        assertThat(s.disk().detail()).contains(nowhere.toString());
    }

    @Test
    void meminfoParsing() {
        LocalHostSaturation.MemInfo m = LocalHostSaturation.parseMeminfo(List.of(
                "MemTotal:       32768000 kB", "garbage", "MemAvailable:   x kB", "MemAvailable:   1024 kB"));
        assertThat(m.total()).hasValue(32768000L);
        assertThat(m.available()).hasValue(1024L);
    }
}
