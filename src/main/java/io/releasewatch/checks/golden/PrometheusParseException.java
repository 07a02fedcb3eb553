package io.releasewatch.checks.golden;

/**
 * A line of Prometheus text exposition that could not be parsed. The message has the form
 * {@code line N: reason: <the line, truncated to 200 characters>}.
 */
public final class PrometheusParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Longest excerpt of the offending line quoted in the message. */
    public static final int MAX_QUOTED_CHARS = 200;

    private final int lineNumber;
    private final String reason;

    public PrometheusParseException(int lineNumber, String line, String reason) {
        super("line " + lineNumber + ": " + reason + ": " + excerpt(line));
        this.lineNumber = lineNumber;
        this.reason = reason;
    }

    /** 1-based number of the offending line. */
    public int lineNumber() {
        return lineNumber;
    }

    /** What was wrong, without the line number and line text. */
    public String reason() {
        return reason;
    }

    static String excerpt(String line) {
        if (line == null) return "";
        return line.length() <= MAX_QUOTED_CHARS ? line : line.substring(0, MAX_QUOTED_CHARS) + "...";
    }
}
