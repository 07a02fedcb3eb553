package io.releasewatch.clock;

/** The four monitoring phases of a release, in order. */
public enum Phase {
    CRITICAL(1, "critical"),
    INTENSIVE(2, "intensive"),
    EXTENDED(3, "extended"),
    STEADY(4, "steady");

    private final int number;
    private final String label;

    Phase(int number, String label) {
        this.number = number;
        this.label = label;
    }

    public int number() {
        return number;
    }

    public String label() {
        return label;
    }

    /** Accepts "1".."4", "phase1".."phase4", or the label, case-insensitively. */
    public static Phase parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        for (Phase p : values()) {
            if (t.equals(p.label) || t.equals(String.valueOf(p.number)) || t.equals("phase" + p.number)
                    || t.equals(p.name().toLowerCase(java.util.Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown phase '" + text + "' (expected 1-4 or critical, intensive, extended, steady)");
    }
}
