package io.releasewatch.alerting.rules;

import java.util.Locale;

/** How a threshold rule compares the observed value with its threshold; equality never fires. */
public enum Comparison {
    /** Fires when observed &gt; threshold. */
    ABOVE,
    /** Fires when observed &lt; threshold. */
    BELOW;

    public boolean test(double observed, double threshold) {
        return this == ABOVE ? observed > threshold : observed < threshold;
    }

    /** The rule-file key: "above" or "below". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
