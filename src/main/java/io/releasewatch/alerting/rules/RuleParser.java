package io.releasewatch.alerting.rules;

import io.releasewatch.config.ConfigReader;
import io.releasewatch.metrics.Status;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads alert rule files (the format is described at the top of config/alert-rules.yaml). Strict: anything it does
 * not understand is an error naming the file, the line and the problem, so that a typo never silently disables an
 * alert. The YAML is only composed into nodes (no object construction, no custom tags), which also gives every
 * value its line.
 */
public final class RuleParser {
    static final List<String> KEYS = List.of("name", "severity", "metric", "status", "above", "below", "aggregate",
            "window", "for", "summary", "description", "labels");
    /** Labels every result carries; a rule cannot set them. */
    static final List<String> RESERVED_LABELS = List.of("rule", "severity", "type", "name");

    private static final Pattern RULE_NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern SEVERITY = Pattern.compile("P[0-3]");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern SERIES = Pattern.compile("[A-Za-z0-9_.*-]+");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String AGGREGATES = Arrays.stream(Aggregate.values()).map(Aggregate::label)
            .collect(Collectors.joining(", "));

    private final String file;

    private RuleParser(String file) {
        this.file = file;
    }

    /** Reads a rules file; the file name in errors is the path as given. */
    public static RuleSet load(Path file) throws RuleFileException {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RuleFileException(name, 0, "file not found", e);
        } catch (CharacterCodingException e) {
            throw new RuleFileException(name, 0, "not UTF-8 text", e);
        } catch (IOException e) {
            throw new RuleFileException(name, 0, "cannot read the file: " + e, e);
        }
        return parse(text, name);
    }

    /** Parses the text of a rules file; {@code fileName} is only used in errors and in {@link Rule#file()}. */
    public static RuleSet parse(String yamlText, String fileName) throws RuleFileException {
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(fileName, "fileName");
        return new RuleParser(fileName).parse(yamlText);
    }

    private RuleSet parse(String text) throws RuleFileException {
        Node root = compose(text);
        if (root == null || isNull(root)) {
            throw new RuleFileException(file, 1, "the file has no rules: expected a top-level 'rules:' list");
        }
        if (!(root instanceof MappingNode top)) {
            throw err(root, "expected a mapping with a top-level 'rules:' list, got " + describe(root));
        }
        Node rulesNode = null;
        for (NodeTuple t : top.getValue()) {
            String key = key(t, "top level");
            if (!key.equals("rules")) {
                throw err(t.getKeyNode(), "unknown top-level key '" + key + "' (expected: rules)");
            }
            if (rulesNode != null) {
                throw err(t.getKeyNode(), "duplicate top-level key 'rules' (first at line " + line(rulesNode) + ")");
            }
            rulesNode = t.getValueNode();
        }
        if (rulesNode == null) {
            throw err(root, "missing top-level key 'rules' (a list of rules)");
        }
        if (!(rulesNode instanceof SequenceNode list)) {
            throw err(rulesNode, "'rules' must be a list of rules (items starting with '- name: ...'), got "
                    + describe(rulesNode));
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        int index = 0;
        for (Node item : list.getValue()) {
            rules.add(rule(item, ++index, names));
        }
        return new RuleSet(rules);
    }

    private Node compose(String text) throws RuleFileException {
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(file).build();
            return new Compose(settings).composeString(text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            String problem = e.getProblem() == null ? "unreadable" : e.getProblem();
            String context = e.getContext() == null || e.getContext().isBlank() ? "" : " (" + e.getContext() + ")";
            String hint = problem.contains("<block end>") || problem.contains("mapping values are not allowed")
                    ? "; check the indentation of this line and the one before" : "";
            throw new RuleFileException(file, mark.map(m -> m.getLine() + 1).orElse(1),
                    "invalid YAML: " + problem + context + hint, e);
        } catch (YamlEngineException e) {
            throw new RuleFileException(file, 1, "invalid YAML: " + e.getMessage(), e);
        }
    }

    private Rule rule(Node item, int index, Map<String, Integer> names) throws RuleFileException {
        String where = "rule #" + index;
        if (!(item instanceof MappingNode map)) {
            throw err(item, where + ": expected a mapping of keys (name, severity, metric, ...), got " + describe(item));
        }
        for (NodeTuple t : map.getValue()) {
            key(t, where);
        }

        // The name first, so that every later error can say which rule it is about.
        NodeTuple nameT = map.getValue().stream().filter(t -> key(t).equals("name")).findFirst().orElse(null);
        String name = null;
        if (nameT != null) {
            name = text(nameT, where);
            if (!RULE_NAME.matcher(name).matches()) {
                throw err(nameT.getValueNode(), where + ": name '" + name + "' is not kebab-case (lower-case letters"
                        + " and digits joined by single dashes, e.g. high-error-rate)");
            }
            where = "rule '" + name + "'";
        }

        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String k = key(t);
            if (!KEYS.contains(k)) {
                throw err(t.getKeyNode(), where + ": unknown key '" + k + "' (expected one of: "
                        + String.join(", ", KEYS) + ")");
            }
            NodeTuple first = keys.putIfAbsent(k, t);
            if (first != null) {
                throw err(t.getKeyNode(), where + ": duplicate key '" + k + "' (first at line " + line(first.getKeyNode()) + ")");
            }
        }
        for (String required : List.of("name", "severity", "metric")) {
            if (!keys.containsKey(required)) {
                throw err(map, where + ": missing required key '" + required + "'");
            }
        }
        Integer firstLine = names.putIfAbsent(name, line(nameT.getValueNode()));
        if (firstLine != null) {
            throw err(nameT.getValueNode(), where + ": duplicate rule name (first defined at line " + firstLine + ")");
        }

        NodeTuple severityT = keys.get("severity");
        String severity = text(severityT, where).toUpperCase(Locale.ROOT);
        if (!SEVERITY.matcher(severity).matches()) {
            throw err(severityT.getValueNode(), where + ": severity '" + text(severityT, where)
                    + "' is not valid (expected P0, P1, P2 or P3)");
        }

        NodeTuple metricT = keys.get("metric");
        String metric = text(metricT, where);
        int slash = metric.indexOf('/');
        if (slash < 0 || slash != metric.lastIndexOf('/')) {
            throw err(metricT.getValueNode(), where + ": metric '" + metric
                    + "' must be <type>/<name>, e.g. health/api or journey/*");
        }
        String type = metric.substring(0, slash);
        String pattern = metric.substring(slash + 1);
        if (!TYPE.matcher(type).matches()) {
            throw err(metricT.getValueNode(), where + ": metric '" + metric + "': the type '" + type
                    + "' must be lower-case letters, digits and '_' (no wildcards), e.g. health, golden_signals");
        }
        if (!SERIES.matcher(pattern).matches() || pattern.contains("**")) {
            throw err(metricT.getValueNode(), where + ": metric '" + metric + "': the name '" + pattern
                    + "' is not a valid name or glob (letters, digits, '_', '-', '.', and single '*' wildcards)");
        }

        NodeTuple statusT = keys.get("status");
        NodeTuple aboveT = keys.get("above");
        NodeTuple belowT = keys.get("below");
        NodeTuple aggregateT = keys.get("aggregate");
        NodeTuple windowT = keys.get("window");
        if (statusT != null && (aboveT != null || belowT != null)) {
            NodeTuple threshold = aboveT != null ? aboveT : belowT;
            throw err(later(statusT, threshold).getKeyNode(), where + ": 'status' and '" + key(threshold)
                    + "' cannot be combined; a rule checks either a status or a threshold");
        }
        if (aboveT != null && belowT != null) {
            throw err(later(aboveT, belowT).getKeyNode(), where
                    + ": 'above' and 'below' cannot both be set; write two rules");
        }
        if (statusT == null && aboveT == null && belowT == null) {
            throw err(map, where + ": no condition: give either 'status: [critical, ...]' or a threshold "
                    + "('above: N' or 'below: N')");
        }

        Aggregate aggregate = Aggregate.LATEST;
        Duration window = null;
        Comparison comparison = null;
        Double threshold = null;
        Set<Status> statuses = Set.of();
        if (statusT != null) {
            for (NodeTuple t : new NodeTuple[] {aggregateT, windowT}) {
                if (t != null) {
                    throw err(t.getKeyNode(), where + ": '" + key(t) + "' applies only to threshold rules "
                            + "(above/below); a status rule reads the newest record's status");
                }
            }
            statuses = statuses(statusT, where);
        } else {
            NodeTuple thresholdT = aboveT != null ? aboveT : belowT;
            comparison = aboveT != null ? Comparison.ABOVE : Comparison.BELOW;
            threshold = number(thresholdT, where);
            if (aggregateT != null) {
                String a = text(aggregateT, where);
                aggregate = null;
                for (Aggregate x : Aggregate.values()) {
                    if (x.label().equalsIgnoreCase(a)) aggregate = x;
                }
                if (aggregate == null) {
                    throw err(aggregateT.getValueNode(), where + ": aggregate '" + a
                            + "' is not valid (expected one of: " + AGGREGATES + ")");
                }
            }
            if (aggregate != Aggregate.LATEST && windowT == null) {
                throw err(aggregateT.getKeyNode(), where + ": aggregate '" + aggregate.label()
                        + "' needs a 'window' (e.g. window: 10m)");
            }
            if (aggregate == Aggregate.LATEST && windowT != null) {
                throw err(windowT.getKeyNode(), where + ": 'window' needs an aggregate other than latest ("
                        + AGGREGATES.replace("latest, ", "") + "); a latest rule reads the newest record whatever its age");
            }
            if (windowT != null) {
                window = duration(windowT, where, false);
            }
        }

        Duration forDuration = keys.containsKey("for") ? duration(keys.get("for"), where, true) : Duration.ZERO;
        Map<String, String> labels = keys.containsKey("labels") ? labels(keys.get("labels"), where) : Map.of();
        Set<String> labelNames = new java.util.HashSet<>(labels.keySet());
        labelNames.addAll(RESERVED_LABELS);
        String summary = template(keys.get("summary"), where, threshold != null, window != null, labelNames);
        String description = template(keys.get("description"), where, threshold != null, window != null, labelNames);

        return new Rule(name, severity, type, pattern, aggregate, window, comparison, threshold, statuses,
                forDuration, summary, description, labels, file, line(map));
    }

    private Set<Status> statuses(NodeTuple t, String where) throws RuleFileException {
        Node v = t.getValueNode();
        List<Node> items;
        if (v instanceof SequenceNode seq) {
            items = seq.getValue();
            if (items.isEmpty()) {
                throw err(v, where + ": 'status' is an empty list (give e.g. [critical] or [critical, warning])");
            }
        } else if (v instanceof ScalarNode && !isNull(v)) {
            items = List.of(v);
        } else {
            throw err(v, where + ": 'status' must be a list of statuses, e.g. [critical, warning], got " + describe(v));
        }
        Set<Status> out = EnumSet.noneOf(Status.class);
        for (Node item : items) {
            if (!(item instanceof ScalarNode s) || isNull(item)) {
                throw err(item, where + ": 'status' items must be statuses (ok, warning, critical, unavailable), got "
                        + describe(item));
            }
            try {
                out.add(Status.parse(s.getValue()));
            } catch (IllegalArgumentException e) {
                throw err(item, where + ": status '" + s.getValue()
                        + "' is not valid (expected ok, warning, critical or unavailable)");
            }
        }
        return out;
    }

    private double number(NodeTuple t, String where) throws RuleFileException {
        Node v = t.getValueNode();
        String k = key(t);
        if (v instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                double d = Double.parseDouble(s.getValue());
                if (Double.isFinite(d)) return d;
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw err(v, where + ": '" + k + "' must be a number (without unit or quotes, e.g. " + k + ": 5), got "
                + describe(v));
    }

    private Duration duration(NodeTuple t, String where, boolean zeroAllowed) throws RuleFileException {
        Node v = t.getValueNode();
        String k = key(t);
        if (v instanceof ScalarNode s && !isNull(v)) {
            String text = s.getValue().trim();
            if (zeroAllowed && text.equals("0")) return Duration.ZERO;
            Optional<Duration> d = ConfigReader.parseDuration(text);
            if (d.isPresent()) {
                if (!zeroAllowed && d.get().isZero()) {
                    throw err(v, where + ": '" + k + "' must be longer than 0");
                }
                return d.get();
            }
        }
        throw err(v, where + ": '" + k + "' must be a duration such as 30s, 10m or 1h (units ms, s, m, h, d), got "
                + describe(v));
    }

    private Map<String, String> labels(NodeTuple t, String where) throws RuleFileException {
        Node v = t.getValueNode();
        if (!(v instanceof MappingNode map)) {
            throw err(v, where + ": 'labels' must be a mapping of label names to text, e.g. {team: platform}, got "
                    + describe(v));
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        for (NodeTuple lt : map.getValue()) {
            String k = key(lt, where);
            if (!LABEL.matcher(k).matches()) {
                throw err(lt.getKeyNode(), where + ": label name '" + k
                        + "' is not valid (letters, digits and '_', not starting with a digit)");
            }
            if (RESERVED_LABELS.contains(k)) {
                throw err(lt.getKeyNode(), where + ": label '" + k + "' is reserved (every result carries "
                        + String.join(", ", RESERVED_LABELS) + ")");
            }
            Integer first = lines.putIfAbsent(k, line(lt.getKeyNode()));
            if (first != null) {
                throw err(lt.getKeyNode(), where + ": duplicate label '" + k + "' (first at line " + first + ")");
            }
            Node lv = lt.getValueNode();
            if (!(lv instanceof ScalarNode s) || isNull(lv)) {
                throw err(lv, where + ": label '" + k + "' must have a text value, got " + describe(lv));
            }
            labels.put(k, s.getValue());
        }
        return labels;
    }

    private String template(NodeTuple t, String where, boolean hasThreshold, boolean hasWindow, Set<String> labelNames)
            throws RuleFileException {
        if (t == null) return null;
        String text = text(t, where);
        String problem = Templates.problem(text, hasThreshold, hasWindow, labelNames);
        if (problem != null) {
            throw err(t.getValueNode(), where + ": " + key(t) + ": " + problem);
        }
        return text;
    }

    /** The value of a key that takes one piece of text. */
    private String text(NodeTuple t, String where) throws RuleFileException {
        Node v = t.getValueNode();
        if (v instanceof ScalarNode s && !isNull(v)) return s.getValue();
        throw err(v, where + ": '" + key(t) + "' must be a single value, got " + describe(v));
    }

    private String key(NodeTuple t, String where) throws RuleFileException {
        if (t.getKeyNode() instanceof ScalarNode s && !isNull(s)) return s.getValue();
        throw err(t.getKeyNode(), where + ": keys must be plain words, got " + describe(t.getKeyNode()));
    }

    /** The key of a tuple already checked by {@link #key(NodeTuple, String)}. */
    private static String key(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
    }

    private static NodeTuple later(NodeTuple a, NodeTuple b) {
        return index(a.getKeyNode()) >= index(b.getKeyNode()) ? a : b;
    }

    private static int index(Node n) {
        return n.getStartMark().map(Mark::getIndex).orElse(0);
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode && n.getTag().equals(Tag.NULL);
    }

    private static String describe(Node n) {
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode) return "a list";
        if (isNull(n)) return "no value";
        String v = ((ScalarNode) n).getValue();
        return "'" + (v.length() > 60 ? v.substring(0, 57) + "..." : v) + "'";
    }

    private static int line(Node n) {
        return n.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    private RuleFileException err(Node n, String reason) {
        return new RuleFileException(file, line(n), reason);
    }
}
