package io.releasewatch.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated access to configuration keys. Every parse failure becomes a {@link ConfigException}
 * naming the key, the environment variable that overrides it, and what is wrong with the value,
 * so a typo stops start-up with one line an operator can act on.
 */
public final class ConfigReader {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    private final Function<String, Optional<String>> source;

    public ConfigReader(Function<String, Optional<String>> source) {
        this.source = source;
    }

    /** The environment variable that overrides a key: upper case, dots and dashes become underscores. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> optional(String key) {
        return source.apply(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> error(key, null, "is required but empty"));
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) return defaultValue;
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) throw error(key, v.get(), "must be between " + min + " and " + max);
            return n;
        } catch (NumberFormatException e) {
            throw error(key, v.get(), "is not a whole number");
        }
    }

    public double number(String key, double defaultValue, double min, double max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) return defaultValue;
        try {
            double n = Double.parseDouble(v.get());
            if (!(n >= min && n <= max)) throw error(key, v.get(), "must be between " + min + " and " + max);
            return n;
        } catch (NumberFormatException e) {
            throw error(key, v.get(), "is not a number");
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) return defaultValue;
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(key, v.get(), "is not true or false");
        };
    }

    public Duration duration(String key, Duration defaultValue) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) return defaultValue;
        return parseDuration(v.get()).orElseThrow(() ->
                error(key, v.get(), "is not a duration (use e.g. 500ms, 10s, 5m, 2h, 1d)"));
    }

    /** A duration, or empty when the value says "off"; used by cadence tables. */
    public Optional<Duration> durationOrOff(String key, Optional<Duration> defaultValue) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) return defaultValue;
        if (v.get().equalsIgnoreCase("off")) return Optional.empty();
        Duration d = parseDuration(v.get()).orElseThrow(() ->
                error(key, v.get(), "is not a duration or 'off' (use e.g. 30s, 5m, 1h, off)"));
        if (d.isZero()) throw error(key, v.get(), "must be greater than zero (use 'off' to disable)");
        return Optional.of(d);
    }

    public static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) return Optional.empty();
        double n = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 86_400_000;
        };
        return Optional.of(Duration.ofMillis(Math.round(millis)));
    }

    public Optional<Instant> instant(String key) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) return Optional.empty();
        return Optional.of(parseInstant(v.get()).orElseThrow(() ->
                error(key, v.get(), "is not an ISO-8601 time with offset (e.g. 2026-12-03T09:00:00Z)")));
    }

    /** An ISO-8601 instant with an offset or Z, e.g. 2026-12-03T09:00:00Z or 2026-12-03T10:00:00+01:00. */
    public static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An absolute http(s) URL. */
    public URI httpUrl(String key, String defaultValue) {
        String raw = string(key, defaultValue);
        return checkHttpUrl(key, raw, raw);
    }

    /** An optional http(s) URL whose value is secret: errors never echo it. */
    public Optional<URI> secretHttpUrl(String key) {
        return optional(key).map(raw -> checkHttpUrl(key, raw, "(value hidden)"));
    }

    private URI checkHttpUrl(String key, String raw, String shown) {
        try {
            URI uri = new URI(raw);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw error(key, shown, "is not an http(s) URL");
            }
            if (uri.getHost() == null) throw error(key, shown, "has no host");
            return uri;
        } catch (URISyntaxException e) {
            throw error(key, shown, "is not a valid URL (" + e.getReason() + ")");
        }
    }

    public ConfigException error(String key, String value, String problem) {
        String shown = value == null ? "" : " = '" + value + "'";
        return new ConfigException("Invalid configuration: " + key + shown + " (env " + envName(key) + ") " + problem);
    }
}
