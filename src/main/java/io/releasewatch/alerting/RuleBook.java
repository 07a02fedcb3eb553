package io.releasewatch.alerting;

import io.releasewatch.alerting.rules.RuleFileException;
import io.releasewatch.alerting.rules.RuleParser;
import io.releasewatch.alerting.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force. The rules file is re-read when it changes; an edit that does not parse is rejected
 * with file, line and reason in the log, and the rules loaded before stay in force.
 */
public final class RuleBook {
    private static final Logger LOG = LoggerFactory.getLogger(RuleBook.class);

    private final Path file;
    private volatile RuleSet rules;
    private volatile String loadedVersion;
    private volatile String lastError;

    /**
     * Loads the file at start-up; a broken file here stops start-up (there are no older rules to keep). Without
     * a file, the rules shipped in the jar apply until one appears.
     */
    public RuleBook(Path file, Supplier<String> shippedRules) throws RuleFileException {
        this.file = file;
        if (Files.exists(file)) {
            this.rules = RuleParser.load(file);
            this.loadedVersion = modified();
            LOG.info("Loaded {} alert rules from {}", rules.rules().size(), file);
        } else {
            this.rules = RuleParser.parse(shippedRules.get(), "alert-rules.yaml (shipped)");
            LOG.info("No alert rules file at {}: using the {} rules shipped in the jar", file, rules.rules().size());
        }
    }

    public RuleSet rules() {
        return rules;
    }

    public Path file() {
        return file;
    }

    /** The last rejected edit, or null when the file in force is the file on disk. */
    public String lastError() {
        return lastError;
    }

    /** Re-reads the file if it changed since the last successful load or rejection. */
    public boolean reloadIfChanged() {
        String now = modified();
        if (now == null || now.equals(loadedVersion)) return false;
        loadedVersion = now;
        try {
            RuleSet fresh = RuleParser.load(file);
            rules = fresh;
            lastError = null;
            LOG.info("Reloaded {} alert rules from {}", fresh.rules().size(), file);
            return true;
        } catch (RuleFileException e) {
            lastError = e.getMessage();
            LOG.error("Rejected edit of the alert rules, the previous rules stay in force: {}", e.getMessage());
            return false;
        }
    }

    /** Modification time and size: two saves within a coarse timestamp's tick still differ in one of them. */
    private String modified() {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file) + "/" + Files.size(file) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
