package io.releasewatch.demo;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** The platform's active faults. Read on every request and flipped rarely, so a copy-on-write set fits. */
final class Faults {
    private volatile Set<Fault> active = Collections.unmodifiableSet(EnumSet.noneOf(Fault.class));

    boolean isOn(Fault fault) {
        return active.contains(fault);
    }

    synchronized void set(Fault fault, boolean on) {
        EnumSet<Fault> next = active.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(active);
        if (on) {
            next.add(fault);
        } else {
            next.remove(fault);
        }
        active = Collections.unmodifiableSet(next);
    }

    /** Ids in declaration order, so listings are stable. */
    Set<String> activeIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Fault f : active) {
            ids.add(f.id());
        }
        return Collections.unmodifiableSet(ids);
    }
}
