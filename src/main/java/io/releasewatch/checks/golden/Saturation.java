package io.releasewatch.checks.golden;

import java.util.Objects;

/**
 * The saturation golden signal: CPU busy, memory used and disk used, each in percent and each
 * independently available or not. No thresholds are applied here; the caller decides what is a
 * warning.
 *
 * @param cpu    CPU busy % over the measured interval
 * @param memory memory used % = (1 - available/total) x 100
 * @param disk   disk used % = (1 - available/size) x 100 for the configured mountpoint or path
 */
public record Saturation(Reading cpu, Reading memory, Reading disk) {
    public Saturation {
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(disk, "disk");
    }

    /**
     * One number with its explanation.
     *
     * @param percent the value in percent, or null when unavailable (never a made-up 0)
     * @param detail  for people: how it was obtained, or why it is unavailable (never blank when percent is null)
     */
    public record Reading(Double percent, String detail) {
        public Reading {
            detail = detail == null ? "" : detail;
            if (percent != null && !Double.isFinite(percent)) {
                throw new IllegalArgumentException("percent must be finite or null, was " + percent);
            }
            if (percent == null && detail.isBlank()) {
                throw new IllegalArgumentException("an unavailable reading needs a reason");
            }
        }

        public static Reading of(double percent, String detail) {
            return new Reading(percent, detail);
        }

        public static Reading unavailable(String reason) {
            return new Reading(null, reason);
        }

        public boolean available() {
            return percent != null;
        }
    }
}
