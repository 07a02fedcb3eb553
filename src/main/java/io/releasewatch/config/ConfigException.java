package io.releasewatch.config;

/** A configuration value is missing or malformed. The message names the key, where it came from and what is wrong. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
