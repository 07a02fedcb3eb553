package io.releasewatch.alerting.rules;

/**
 * A rules file that cannot be used. The message is {@code <file>:<line>: <reason>}, e.g.
 * {@code alert-rules.yaml:14: rule 'high-error-rate': unknown key 'threshhold' (expected one of: ...)}.
 * {@link #line()} is 1-based; it is 0 only when the problem is not on a line (the file cannot be read), and
 * the message is then {@code <file>: <reason>}.
 */
public final class RuleFileException extends Exception {
    private final String file;
    private final int line;
    private final String reason;

    public RuleFileException(String file, int line, String reason) {
        super(line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public RuleFileException(String file, int line, String reason, Throwable cause) {
        this(file, line, reason);
        initCause(cause);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
