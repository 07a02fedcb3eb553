package io.releasewatch.checks.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads SQL text shipped on the classpath or kept by operators on disk. */
public final class SqlFiles {
    private SqlFiles() {
    }

    /** A classpath resource such as {@code /sql/postgres/table-sizes.sql}; a missing one is a packaging bug. */
    public static String classpath(String resource) {
        try (InputStream in = SqlFiles.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("SQL resource " + resource + " is not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL resource " + resource, e);
        }
    }

    public static String file(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL file " + path + ": " + e.getMessage(), e);
        }
    }
}
