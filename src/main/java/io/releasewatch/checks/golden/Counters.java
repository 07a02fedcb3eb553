package io.releasewatch.checks.golden;

import java.util.Map;

/** Prometheus-style counter arithmetic shared by the delta-based signals. */
final class Counters {
    private Counters() {
    }

    /**
     * Increase of one counter series between two scrapes, the way Prometheus' {@code increase()}
     * treats resets: a value lower than before means the counter restarted from 0, so the whole
     * current value is the increase. A series absent before (null) has just been created, i.e.
     * started from 0 since the previous scrape, so its whole value is the increase too.
     */
    static double increase(Double previous, double current) {
        if (previous == null) return current;
        if (current < previous) return current;
        return current - previous;
    }

    /** Sum of increases over a set of series, with counts of resets and new series. */
    record Delta(double increase, int resets, int newSeries, int vanishedSeries) {
    }

    static <K> Delta delta(Map<K, Double> previous, Map<K, Double> current, java.util.function.Predicate<K> include) {
        double total = 0;
        int resets = 0;
        int fresh = 0;
        for (Map.Entry<K, Double> e : current.entrySet()) {
            if (!include.test(e.getKey())) continue;
            Double prev = previous.get(e.getKey());
            double cur = e.getValue();
            if (prev == null) fresh++;
            else if (cur < prev) resets++;
            total += increase(prev, cur);
        }
        int vanished = 0;
        for (K k : previous.keySet()) {
            if (include.test(k) && !current.containsKey(k)) vanished++;
        }
        return new Delta(total, resets, fresh, vanished);
    }
}
