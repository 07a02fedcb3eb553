package io.releasewatch.alerting.rules;

import java.util.List;

/** The rules of one file, in file order. */
public record RuleSet(List<Rule> rules) {
    public RuleSet {
        rules = List.copyOf(rules);
    }
}
