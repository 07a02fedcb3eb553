package io.releasewatch.checks;

import java.net.URI;

/** Resolves check paths against the monitored platform's base URL; absolute URLs are kept as they are. */
public final class Targets {
    private final URI base;

    public Targets(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
    }

    public URI resolve(String pathOrUrl) {
        if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) return URI.create(pathOrUrl);
        return base.resolve(pathOrUrl.startsWith("/") ? pathOrUrl.substring(1) : pathOrUrl);
    }

    public URI base() {
        return base;
    }
}
