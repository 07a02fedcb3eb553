package io.releasewatch;

import io.releasewatch.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code java -jar release-watch.jar [--config DIR]}: starts the monitor with {@code DIR/application.properties}
 * (default {@code config}), environment overrides, shipped routes and the operator's routes in {@code DIR/routes}.
 */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) throws Exception {
        Path configDir = Path.of(System.getenv().getOrDefault("MONITOR_CONFIG_DIR", "config"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) configDir = Path.of(args[++i]);
        }
        try {
            ReleaseWatch.create(configDir, System.getenv(), Map.of()).run();
        } catch (ConfigException e) {
            // One line an operator can act on, no stack trace: the key, its env variable and the problem, or the
            // route file, its line and the problem.
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
