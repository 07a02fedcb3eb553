package io.releasewatch.alerting;

import io.releasewatch.store.AlertStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Silences from configuration and from {@code POST /api/silences} (stored, so they survive a restart). */
public final class Silences {
    private final AlertStore store;
    private final Clock clock;
    private final List<Silence> all = new CopyOnWriteArrayList<>();

    public Silences(AlertStore store, Clock clock, List<Silence> fromConfig) {
        this.store = store;
        this.clock = clock;
        all.addAll(fromConfig);
        all.addAll(store.silences());
    }

    public boolean silenced(String rule, Map<String, String> labels, Instant at) {
        for (Silence s : all) {
            if (s.matches(rule, labels, at)) return true;
        }
        return false;
    }

    public Silence add(Silence s) {
        store.addSilence(s, clock.instant());
        all.add(s);
        return s;
    }

    public List<Silence> all() {
        return List.copyOf(all);
    }
}
