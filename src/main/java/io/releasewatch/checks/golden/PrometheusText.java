package io.releasewatch.checks.golden;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A parsed scrape in the Prometheus text exposition format 0.0.4.
 *
 * <p>Comment lines (including {@code # HELP} and {@code # TYPE}) and blank lines are ignored; every
 * other line must be a sample: {@code name[{label="value",...}] value [timestamp]}. Label values may
 * contain the escapes {@code \"}, {@code \\} and {@code \n}. Values are decimal or exponent
 * notation, {@code NaN}, {@code +Inf}, {@code -Inf} (case-insensitive, as Go's ParseFloat). The
 * optional timestamp (integer milliseconds) is validated and dropped. Both {@code \n} and
 * {@code \r\n} line endings are accepted.
 *
 * <p>Instances are immutable.
 */
public final class PrometheusText {

    /** One sample line: metric name, labels (immutable, in exposition order) and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            Objects.requireNonNull(name, "name");
            labels = labels == null || labels.isEmpty()
                    ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        /** The value of a label, or null when the sample does not carry it. */
        public String label(String labelName) {
            return labels.get(labelName);
        }
    }

    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    private static final Pattern TIMESTAMP = Pattern.compile("[+-]?[0-9]+");

    private final List<Sample> samples;
    private final Map<String, List<Sample>> byName;

    private PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
        Map<String, List<Sample>> index = new LinkedHashMap<>();
        for (Sample s : this.samples) {
            index.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.byName = Collections.unmodifiableMap(index);
    }

    /**
     * Parses a whole exposition.
     *
     * @throws PrometheusParseException (an IllegalArgumentException) naming the first malformed line
     */
    public static PrometheusText parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Sample> out = new ArrayList<>();
        int lineNo = 0;
        int pos = 0;
        int len = text.length();
        while (pos <= len) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? len : nl;
            String line = text.substring(pos, end);
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            lineNo++;
            Sample s = parseLine(line, lineNo);
            if (s != null) out.add(s);
            if (nl < 0) break;
            pos = nl + 1;
        }
        return new PrometheusText(out);
    }

    /** Creates an exposition from already-built samples (handy for tests and callers that merge scrapes). */
    public static PrometheusText of(List<Sample> samples) {
        return new PrometheusText(samples);
    }

    /** All samples, in exposition order (immutable). */
    public List<Sample> samples() {
        return samples;
    }

    /** Samples whose name is exactly {@code name}, in exposition order (immutable, empty if none). */
    public List<Sample> samples(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Samples named {@code name} whose labels satisfy {@code labelFilter}. */
    public List<Sample> samples(String name, Predicate<Map<String, String>> labelFilter) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples(name)) {
            if (labelFilter.test(s.labels())) out.add(s);
        }
        return List.copyOf(out);
    }

    /** Whether at least one sample has exactly this name. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** Distinct sample names, in order of first appearance. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Sum of all samples named {@code name}; 0 when there are none (use {@link #contains} to tell). NaN propagates. */
    public double sum(String name) {
        return sum(name, labels -> true);
    }

    /** Sum of the samples named {@code name} whose labels satisfy {@code labelFilter}; 0 when none match. NaN propagates. */
    public double sum(String name, Predicate<Map<String, String>> labelFilter) {
        double total = 0;
        for (Sample s : samples(name)) {
            if (labelFilter.test(s.labels())) total += s.value();
        }
        return total;
    }

    /** Label filter: the sample carries {@code labelName} with exactly {@code value}. */
    public static Predicate<Map<String, String>> labelEquals(String labelName, String value) {
        return labels -> Objects.equals(labels.get(labelName), value);
    }

    // ------------------------------------------------------------------------------------------ parsing

    /** Parses one line; null for blank and comment lines. */
    static Sample parseLine(String line, int lineNo) {
        int n = line.length();
        int i = skipBlanks(line, 0);
        if (i == n || line.charAt(i) == '#') return null;

        // metric name
        if (!isNameStart(line.charAt(i))) {
            throw new PrometheusParseException(lineNo, line, "expected a metric name");
        }
        int start = i;
        while (i < n && isNameChar(line.charAt(i))) i++;
        String name = line.substring(start, i);
        if (i < n && !isBlank(line.charAt(i)) && line.charAt(i) != '{') {
            throw new PrometheusParseException(lineNo, line,
                    "unexpected character '" + line.charAt(i) + "' after metric name \"" + name + "\"");
        }
        i = skipBlanks(line, i);

        // labels
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < n && line.charAt(i) == '{') {
            i = parseLabels(line, lineNo, i + 1, labels);
            if (i < n && !isBlank(line.charAt(i))) {
                throw new PrometheusParseException(lineNo, line, "expected a blank after the label set");
            }
            i = skipBlanks(line, i);
        }

        // value
        if (i == n) {
            throw new PrometheusParseException(lineNo, line, "expected a value after the metric name");
        }
        start = i;
        while (i < n && !isBlank(line.charAt(i))) i++;
        String valueText = line.substring(start, i);
        double value = parseValue(valueText, line, lineNo);
        i = skipBlanks(line, i);

        // optional timestamp
        if (i < n) {
            start = i;
            while (i < n && !isBlank(line.charAt(i))) i++;
            String ts = line.substring(start, i);
            if (!TIMESTAMP.matcher(ts).matches()) {
                throw new PrometheusParseException(lineNo, line, "invalid timestamp \"" + ts + "\"");
            }
            try {
                Long.parseLong(ts.startsWith("+") ? ts.substring(1) : ts);
            } catch (NumberFormatException e) {
                throw new PrometheusParseException(lineNo, line, "timestamp out of range \"" + ts + "\"");
            }
            i = skipBlanks(line, i);
            if (i < n) {
                throw new PrometheusParseException(lineNo, line, "unexpected text after the timestamp");
            }
        }
        return new Sample(name, labels, value);
    }

    /** Parses labels after '{'; returns the index just after the closing '}'. */
    private static int parseLabels(String line, int lineNo, int i, Map<String, String> labels) {
        int n = line.length();
        while (true) {
            i = skipBlanks(line, i);
            if (i == n) throw new PrometheusParseException(lineNo, line, "unterminated label set, expected '}'");
            if (line.charAt(i) == '}') return i + 1;

            if (!isLabelStart(line.charAt(i))) {
                throw new PrometheusParseException(lineNo, line, "expected a label name");
            }
            int start = i;
            while (i < n && isLabelChar(line.charAt(i))) i++;
            String labelName = line.substring(start, i);
            i = skipBlanks(line, i);
            if (i == n || line.charAt(i) != '=') {
                throw new PrometheusParseException(lineNo, line, "expected '=' after label name \"" + labelName + "\"");
            }
            i = skipBlanks(line, i + 1);
            if (i == n || line.charAt(i) != '"') {
                throw new PrometheusParseException(lineNo, line,
                        "expected '\"' to open the value of label \"" + labelName + "\"");
            }
            i++;
            StringBuilder value = new StringBuilder();
            boolean closed = false;
            while (i < n) {
                char c = line.charAt(i);
                if (c == '"') {
                    closed = true;
                    i++;
                    break;
                }
                if (c == '\\') {
                    if (i + 1 == n) break;
                    char e = line.charAt(i + 1);
                    switch (e) {
                        case '"' -> value.append('"');
                        case '\\' -> value.append('\\');
                        case 'n' -> value.append('\n');
                        default -> throw new PrometheusParseException(lineNo, line,
                                "invalid escape sequence '\\" + e + "' in the value of label \"" + labelName + "\"");
                    }
                    i += 2;
                } else {
                    value.append(c);
                    i++;
                }
            }
            if (!closed) {
                throw new PrometheusParseException(lineNo, line, "unterminated value of label \"" + labelName + "\"");
            }
            if (labels.putIfAbsent(labelName, value.toString()) != null) {
                throw new PrometheusParseException(lineNo, line, "duplicate label \"" + labelName + "\"");
            }
            i = skipBlanks(line, i);
            if (i == n) throw new PrometheusParseException(lineNo, line, "unterminated label set, expected '}'");
            char c = line.charAt(i);
            if (c == ',') {
                i++;
            } else if (c != '}') {
                throw new PrometheusParseException(lineNo, line,
                        "expected ',' or '}' after the value of label \"" + labelName + "\"");
            }
        }
    }

    private static double parseValue(String text, String line, int lineNo) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new PrometheusParseException(lineNo, line, "invalid sample value \"" + text + "\"");
        }
        return Double.parseDouble(text);
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && isBlank(s.charAt(i))) i++;
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static boolean isLabelStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isLabelChar(char c) {
        return isLabelStart(c) || (c >= '0' && c <= '9');
    }

    static boolean isValidMetricName(String s) {
        if (s == null || s.isEmpty() || !isNameStart(s.charAt(0))) return false;
        for (int i = 1; i < s.length(); i++) if (!isNameChar(s.charAt(i))) return false;
        return true;
    }

    static boolean isValidLabelName(String s) {
        if (s == null || s.isEmpty() || !isLabelStart(s.charAt(0))) return false;
        for (int i = 1; i < s.length(); i++) if (!isLabelChar(s.charAt(i))) return false;
        return true;
    }

    @Override
    public String toString() {
        return "PrometheusText[" + samples.size() + " samples, " + byName.size() + " names]";
    }
}
