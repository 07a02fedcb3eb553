package io.releasewatch.alerting.rules;

import io.releasewatch.metrics.Status;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One alert rule, as read from a rules file by {@link RuleParser}.
 *
 * <p>A rule is either a <em>status rule</em> ({@code statuses} not empty, {@code comparison} and {@code threshold}
 * null, {@code aggregate} LATEST, {@code window} null): it is active when the newest record's status is one of
 * {@code statuses}; or a <em>threshold rule</em> ({@code statuses} empty, {@code comparison} and {@code threshold}
 * set): it is active when the aggregate of the series compares true with the threshold. {@code window} is null for
 * LATEST and set for every other aggregate.
 *
 * @param name                unique kebab-case name
 * @param severity            P0, P1, P2 or P3
 * @param type                check type the rule reads, e.g. "health"
 * @param namePattern         series name within the type: exact, or a glob where {@code *} matches any run of
 *                            characters; a glob never matches the "run" summary series
 * @param summaryTemplate     null when the file gives none (a default is rendered)
 * @param descriptionTemplate null when the file gives none (a default is rendered)
 * @param labels              the file's labels, in file order
 * @param file                the rules file the rule came from
 * @param line                1-based line of the rule in that file
 */
public record Rule(String name, String severity, String type, String namePattern,
                   Aggregate aggregate, Duration window, Comparison comparison,
                   Double threshold, Set<Status> statuses, Duration forDuration,
                   String summaryTemplate, String descriptionTemplate, Map<String, String> labels, String file, int line) {

    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namePattern, "namePattern");
        Objects.requireNonNull(aggregate, "aggregate");
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(statuses));
        forDuration = forDuration == null ? Duration.ZERO : forDuration;
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** True for a status rule, false for a threshold rule. */
    public boolean isStatusRule() {
        return !statuses.isEmpty();
    }

    /**
     * Whether this rule reads the series {@code type/name}: the type must be equal, and the name equal to the
     * pattern or, for a glob, matched by it; a glob never matches "run".
     */
    public boolean matches(String seriesType, String seriesName) {
        if (!type.equals(seriesType)) return false;
        if (namePattern.indexOf('*') < 0) return namePattern.equals(seriesName);
        return !seriesName.equals("run") && Glob.matches(namePattern, seriesName);
    }
}
