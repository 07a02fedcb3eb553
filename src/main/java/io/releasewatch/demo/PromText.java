package io.releasewatch.demo;

import java.math.BigDecimal;

/** Writing the Prometheus text exposition format (version 0.0.4). */
final class PromText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PromText() {
    }

    static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** One sample; labels come as name, value pairs. */
    static void sample(StringBuilder out, String name, String value, String... labels) {
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(value).append('\n');
    }

    /**
     * Plain decimal notation: Prometheus itself accepts 1.2E7, but simpler line parsers (including
     * people reading the page) do better without exponents.
     */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).toPlainString();
    }

    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
