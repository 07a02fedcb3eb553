package io.releasewatch.alerting.rules;

import io.releasewatch.metrics.MetricRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link MetricHistory} held in memory. Each series keeps only the records newer than its own newest record
 * minus the retention, so the retention should be longer than the longest rule window (and a series that stops
 * reporting keeps its last records). Records may arrive out of order; they are kept sorted by time, and records
 * with equal times keep their arrival order.
 *
 * <p>Thread-safe: {@link #add} may run while other threads read; every read returns a snapshot.
 */
public final class InMemoryMetricHistory implements MetricHistory {
    private final Duration retention;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** type -> name -> records sorted by time. Guarded by {@link #lock}. */
    private final Map<String, Map<String, List<MetricRecord>>> series = new HashMap<>();

    public InMemoryMetricHistory(Duration retention) {
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
        this.retention = retention;
    }

    public void add(List<MetricRecord> records) {
        Objects.requireNonNull(records, "records");
        List<MetricRecord> copy = List.copyOf(records); // rejects null elements before anything is stored
        lock.writeLock().lock();
        try {
            List<List<MetricRecord>> touched = new ArrayList<>();
            for (MetricRecord r : copy) {
                List<MetricRecord> list = series.computeIfAbsent(r.type(), t -> new HashMap<>())
                        .computeIfAbsent(r.name(), n -> new ArrayList<>());
                list.add(upperBound(list, r.time()), r);
                touched.add(list);
            }
            for (List<MetricRecord> list : touched) {
                Instant cutoff = list.get(list.size() - 1).time().minus(retention);
                // keep only records strictly newer than (newest - retention)
                int keepFrom = upperBound(list, cutoff);
                if (keepFrom > 0) list.subList(0, keepFrom).clear();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Set<String> names(String type) {
        lock.readLock().lock();
        try {
            Map<String, List<MetricRecord>> byName = series.get(type);
            return byName == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<MetricRecord> latest(String type, String name) {
        lock.readLock().lock();
        try {
            List<MetricRecord> list = list(type, name);
            return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<MetricRecord> window(String type, String name, Instant fromInclusive, Instant toInclusive) {
        Objects.requireNonNull(fromInclusive, "fromInclusive");
        Objects.requireNonNull(toInclusive, "toInclusive");
        if (fromInclusive.isAfter(toInclusive)) return List.of();
        lock.readLock().lock();
        try {
            List<MetricRecord> list = list(type, name);
            int from = lowerBound(list, fromInclusive);
            int to = upperBound(list, toInclusive);
            return from >= to ? List.of() : List.copyOf(list.subList(from, to));
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<MetricRecord> list(String type, String name) {
        Map<String, List<MetricRecord>> byName = series.get(type);
        if (byName == null) return List.of();
        List<MetricRecord> list = byName.get(name);
        return list == null ? List.of() : list;
    }

    /** Index of the first record with time >= t. */
    private static int lowerBound(List<MetricRecord> list, Instant t) {
        int lo = 0, hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).time().isBefore(t)) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** Index of the first record with time > t. */
    private static int upperBound(List<MetricRecord> list, Instant t) {
        int lo = 0, hi = list.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (!list.get(mid).time().isAfter(t)) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
