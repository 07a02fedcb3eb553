package io.releasewatch.alerting.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rule evaluated on one series at one time. Rendered for every matching series, active or not, so that a
 * resolved notification can show the last value.
 *
 * @param type        the series' check type
 * @param name        the series' name (the concrete name, also when the rule uses a glob)
 * @param active      the condition holds now (status matched / comparison true); never true without data
 * @param observed    the value compared (threshold rules) or the newest value (status rules); null without data
 * @param summary     rendered summary template (plain text; escape it when putting it into HTML or markup)
 * @param description rendered description template (plain text, same caveat)
 * @param labels      the rule's labels plus {@code rule}, {@code severity}, {@code type} and {@code name}
 */
public record RuleResult(Rule rule, String type, String name, boolean active, Double observed, String summary,
                         String description, Map<String, String> labels) {
    public RuleResult {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public String series() {
        return type + "/" + name;
    }
}
