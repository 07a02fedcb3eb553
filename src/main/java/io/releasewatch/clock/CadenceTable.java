package io.releasewatch.clock;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** How often each scheduled check runs in each phase; a missing entry means the check is off in that phase. */
public final class CadenceTable {
    private final Map<String, EnumMap<Phase, Duration>> table = new TreeMap<>();

    public CadenceTable set(String check, Phase phase, Optional<Duration> every) {
        EnumMap<Phase, Duration> row = table.computeIfAbsent(check, c -> new EnumMap<>(Phase.class));
        every.ifPresentOrElse(d -> row.put(phase, d), () -> row.remove(phase));
        return this;
    }

    public Optional<Duration> cadence(String check, Phase phase) {
        EnumMap<Phase, Duration> row = table.get(check);
        return row == null ? Optional.empty() : Optional.ofNullable(row.get(phase));
    }

    public boolean knows(String check) {
        return table.containsKey(check);
    }

    public Set<String> checks() {
        return table.keySet();
    }

    /** Smallest cadence of any check in any phase: how finely the scheduler must tick. */
    public Optional<Duration> shortest() {
        return table.values().stream().flatMap(r -> r.values().stream()).min(Duration::compareTo);
    }
}
