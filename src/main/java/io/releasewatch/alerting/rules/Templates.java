package io.releasewatch.alerting.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Summary and description templates: {{placeholder}} substitution, and how values are written into them. */
final class Templates {
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    static final Set<String> NAMES = Set.of("rule", "type", "name", "value", "threshold", "window", "details", "status");
    static final String NAME_LIST = "{{rule}}, {{type}}, {{name}}, {{value}}, {{threshold}}, {{window}}, {{details}}, "
            + "{{status}}, {{labels.<label>}}";

    private Templates() {
    }

    /** Why the template cannot be rendered for such a rule, or null when it can. */
    static String problem(String template, boolean hasThreshold, boolean hasWindow, Set<String> labelNames) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String p = m.group(1);
            if (p.startsWith("labels.")) {
                String label = p.substring("labels.".length());
                if (!labelNames.contains(label)) {
                    return "placeholder {{" + p + "}} names a label the rule does not have (labels: "
                            + (labelNames.isEmpty() ? "none" : String.join(", ", labelNames.stream().sorted().toList())) + ")";
                }
            } else if (!NAMES.contains(p)) {
                return "unknown placeholder {{" + p + "}} (expected one of: " + NAME_LIST + ")";
            } else if (p.equals("threshold") && !hasThreshold) {
                return "placeholder {{threshold}} needs a threshold rule (above/below); this is a status rule";
            } else if (p.equals("window") && !hasWindow) {
                return "placeholder {{window}} needs a rule with a window";
            }
        }
        return null;
    }

    /** Replaces every placeholder with its value; a placeholder without a value is left as written. */
    static String render(String template, Function<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Function<String, String> lookup(Map<String, String> values, Map<String, String> labels) {
        return p -> p.startsWith("labels.") ? labels.get(p.substring("labels.".length())) : values.get(p);
    }

    /**
     * A number as people read it: whole numbers without decimals (2000, not 2000.0), others rounded to two
     * decimals with trailing zeros dropped (5.33, 0.5), and small non-zero values to three significant digits
     * (0.00123) so they never show as 0. Null is "no data".
     */
    static String number(Double v) {
        if (v == null || v.isNaN()) return "no data";
        if (v.isInfinite()) return v > 0 ? "inf" : "-inf";
        double d = v;
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        BigDecimal b = BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP);
        if (b.signum() == 0) {
            b = BigDecimal.valueOf(d).round(new java.math.MathContext(3, RoundingMode.HALF_UP));
        }
        b = b.stripTrailingZeros();
        return b.scale() <= 0 ? b.toBigInteger().toString() : b.toPlainString();
    }

    /** A duration as rule files write it: 10m, 1h, 90s, 1d, 1500ms; null is "". */
    static String duration(Duration d) {
        if (d == null) return "";
        long ms = d.toMillis();
        if (ms == 0) return "0s";
        if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1_000 == 0) return ms / 1_000 + "s";
        return ms + "ms";
    }
}
