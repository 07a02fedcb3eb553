package io.releasewatch;

import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Turns Camel's errors about a route file into one line an operator can act on: the file, the line and the
 * problem. Camel's own message for a YAML error is "Error pre-parsing resource: FILE" with the line only in a
 * multi-line cause (with a source snippet), which a one-line start-up error or a log line would lose.
 */
final class RouteFileProblem {
    private RouteFileProblem() {
    }

    /**
     * One line describing the route file problem behind this failure, or empty if it is not one.
     *
     * @param routeSource where a route id was defined ("file:/x/routes/a.yaml" or "file:/x/routes/a.yaml:4"), or
     *                    null if unknown; used when Camel's error names the route but not its file
     */
    static Optional<String> describe(Throwable failure, Function<String, String> routeSource) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MarkedYamlEngineException yaml) return Optional.of(describe(yaml));
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String routeId;
            String location;
            if (t instanceof FailedToCreateRouteException f) {
                routeId = f.getRouteId();
                location = f.getLocation();
            } else if (t instanceof FailedToStartRouteException f) {
                routeId = f.getRouteId();
                location = f.getLocation();
            } else {
                continue;
            }
            if (location == null && routeId != null) location = routeSource.apply(routeId);
            if (location == null) continue;
            return Optional.of("Invalid route file " + where(location) + ": route '" + routeId + "' cannot be created: "
                    + oneLine(rootCause(t).getMessage()));
        }
        return Optional.empty();
    }

    private static String describe(MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        String file = mark.map(Mark::getName).map(RouteFileProblem::where).orElse("(unknown file)");
        String at = mark.map(m -> ", line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("");
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        String context = "";
        if (e.getContext() != null) {
            context = " (" + oneLine(e.getContext())
                    + (e.getProblemMark().isPresent() ? e.getContextMark().map(m -> " at line " + (m.getLine() + 1)).orElse("") : "") + ")";
        }
        return "Invalid route file " + file + at + ": " + oneLine(problem) + context;
    }

    /** A resource location without its scheme: file:/x/routes/a.yaml -> /x/routes/a.yaml */
    private static String where(String location) {
        return location.startsWith("file:") ? location.substring("file:".length()) : location;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c;
    }

    /** Camel's messages span lines (snippets, carets); a log line or an exit message must not. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").replaceAll("[\\s.]+$", "").trim();
    }
}
