package io.releasewatch.clock;

import java.time.Instant;

/** The monitor observed a new phase. {@code from} is null when nothing was observed before. */
public record PhaseChange(Instant at, Phase from, Phase to, Instant releaseTime) {
    public String describe() {
        return from == null
                ? "Monitoring in phase " + to.number() + " (" + to.label() + ")"
                : "Phase changed from " + from.number() + " (" + from.label() + ") to " + to.number() + " (" + to.label() + ")";
    }
}
