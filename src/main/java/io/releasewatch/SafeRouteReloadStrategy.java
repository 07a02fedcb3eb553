package io.releasewatch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceSupport;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's route file watcher ({@code camel.main.routes-reload-*}), with one guarantee added: an invalid edit of a
 * route file is rejected and the previous version of that file's routes keeps running.
 *
 * <p>Why: Camel 4.18 applies an edit in two steps. It parses the file, then removes the running routes with the
 * same ids and adds the new ones. A file that does not parse (broken YAML, unknown DSL key) is rejected before
 * the removal, but a file that parses and then fails to become a route (unknown component, bad {@code simple}
 * expression, missing bean) leaves the old route removed and nothing in its place. Camel also remembers the
 * failed file and re-applies it on every later reload, so one bad file would block edits of every other file.
 * For a monitor, silently losing a check because of a typo is the worst outcome, so this class keeps the last
 * version of each file that loaded and puts it back when an edit fails.
 *
 * <p>Camel Main still creates and runs its own watcher from the {@code camel.main.routes-reload-*} settings (they stay
 * the one place to configure it); {@link #install(CamelContext)} only swaps the callback that watcher calls when a
 * file changes, so every change goes through this class. (Removing Camel's watcher service and adding a subclass
 * instead does not work: Camel Main has already queued its watcher for start-up, and both would run.) This class
 * extends Camel's strategy to reuse its protected reload logic; it is never started as a service itself.
 * Only with {@code routes-reload-remove-all-routes=false} (the shipped setting); with {@code true} Camel's
 * behaviour is kept.
 */
final class SafeRouteReloadStrategy extends RouteWatcherReloadStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(SafeRouteReloadStrategy.class);

    private final RouteWatcherReloadStrategy watcher;
    /** The content of each route file as it was when its routes last loaded. */
    private final Map<Path, Resource> lastGood = new ConcurrentHashMap<>();

    private SafeRouteReloadStrategy(CamelContext context, RouteWatcherReloadStrategy watcher) {
        super(watcher.getFolder(), watcher.isRecursive());
        this.watcher = watcher;
        setCamelContext(context);
        setRemoveAllRoutes(false);
    }

    /**
     * Routes Camel's route file watcher through this class. Call after Camel Main has loaded the routes and created
     * its watcher, before Camel starts (a {@code MainListener.afterConfigure}).
     */
    static void install(CamelContext context) throws IOException {
        RouteWatcherReloadStrategy watcher = context.hasService(RouteWatcherReloadStrategy.class);
        if (watcher == null || watcher.isRemoveAllRoutes()) return;
        SafeRouteReloadStrategy safe = new SafeRouteReloadStrategy(context, watcher);
        safe.rememberFilesAsLoaded();
        watcher.setResourceReload((name, resource) -> {
            if (name.endsWith(".properties")) {
                safe.onPropertiesReload(resource, true);
            } else {
                safe.onRouteReload(List.of(resource), false);
            }
        });
    }

    /** The files as loaded at start-up are the first "last good" versions. */
    private void rememberFilesAsLoaded() throws IOException {
        Path dir = Path.of(getFolder()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> files = isRecursive() ? Files.walk(dir) : Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                snapshot(resolve(f)).ifPresent(r -> lastGood.put(f.normalize(), r));
            }
        }
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        if (resources == null || resources.size() != 1 || removeEverything) {
            super.onRouteReload(resources, removeEverything);
            return;
        }
        Resource changed = resources.iterator().next();
        Path file = pathOf(changed);
        Optional<Resource> content = file == null ? Optional.empty() : snapshot(changed);
        if (content.isEmpty()) {
            // Not a file, or deleted: Camel leaves the routes of a deleted file running; so do we.
            super.onRouteReload(resources, false);
            return;
        }
        Map<String, Route> before = routesFrom(file);
        try {
            // Load exactly the bytes we remember, not whatever is on disk a moment later.
            super.onRouteReload(List.of(content.get()), false);
            lastGood.put(file, content.get());
        } catch (RuntimeException e) {
            String problem = RouteFileProblem.describe(e, id -> file.toString())
                    .orElse("Invalid route file " + file + ": " + RouteFileProblem.oneLine(e.getMessage()));
            Resource previous = lastGood.get(file);
            LOG.error("{}. Edit rejected: {}", problem,
                    previous != null ? "the previous version of its routes keeps running" : "its routes were not started");
            LOG.debug("Route reload of {} failed", file, e);
            watcher.setLastError(e);
            restore(file, content.get(), previous, before);
        }
    }

    /** Puts back the last good version of the file (or nothing) and removes any route the failed edit added. */
    private void restore(Path file, Resource failed, Resource previous, Map<String, Route> before) {
        Map<String, Route> now = routesFrom(file);
        boolean untouched = now.size() == before.size() && before.entrySet().stream().allMatch(e -> now.get(e.getKey()) == e.getValue());
        try {
            if (previous != null && !untouched) {
                super.onRouteReload(List.of(previous), false);
            } else {
                // The edit failed before touching any route (e.g. broken YAML) or the file never loaded: load nothing,
                // but make Camel forget the failed file, which it would otherwise re-apply on every later reload.
                super.onRouteReload(List.of(failed), true);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not restore the previous version of route file {}: {}", file, e.getMessage(), e);
        }
        for (String id : routesFrom(file).keySet()) {
            if (before.containsKey(id)) continue;
            try {
                getCamelContext().getRouteController().stopRoute(id);
                getCamelContext().removeRoute(id);
            } catch (Exception e) {
                LOG.warn("Could not remove route {} left by the rejected edit of {}: {}", id, file, e.getMessage());
            }
        }
    }

    private Map<String, Route> routesFrom(Path file) {
        return getCamelContext().getRoutes().stream()
                .filter(r -> r.getSourceResource() != null && file.equals(pathOf(r.getSourceResource())))
                .collect(Collectors.toMap(Route::getRouteId, r -> r));
    }

    private Resource resolve(Path file) {
        return PluginHelper.getResourceLoader(getCamelContext()).resolveResource("file:" + file.toAbsolutePath());
    }

    /** The file's current bytes, as a resource with the same location (so Camel treats it as that file). */
    private static Optional<Resource> snapshot(Resource file) {
        byte[] bytes;
        try (InputStream in = file.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return Optional.empty();
        }
        URI uri = file.getURI();
        return Optional.of(new ResourceSupport(file.getScheme(), file.getLocation()) {
            @Override
            public boolean exists() {
                return true;
            }

            @Override
            public URI getURI() {
                return uri;
            }

            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(bytes);
            }
        });
    }

    private static Path pathOf(Resource r) {
        String loc = r.getLocation();
        if (loc == null || !loc.startsWith("file:")) return null;
        try {
            return Path.of(loc.substring("file:".length())).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
