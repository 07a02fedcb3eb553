package io.releasewatch.dashboard;

import io.releasewatch.alerting.AlertInstance;
import io.releasewatch.alerting.Notification;
import io.releasewatch.alerting.NotificationJson;
import io.releasewatch.clock.Phase;
import io.releasewatch.clock.PhaseChange;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.store.AlertStore;
import io.releasewatch.store.MetricStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the dashboard and the status API show, read once per request from the store: the release and its
 * phase, the latest status per check type, recent results, phase changes and alerts.
 */
public record DashboardView(Instant now, Instant releaseTime, Duration sinceRelease, Phase phase,
                            Map<String, MetricRecord> latestRunByType, Map<String, List<MetricRecord>> latestByType,
                            List<MetricRecord> recent, List<PhaseChange> phaseChanges, List<AlertInstance> activeAlerts,
                            List<AlertInstance> recentAlerts, List<AlertStore.Event> alertEvents,
                            List<Notification> notifications) {

    /** The channel whose notifications the page shows as its feed. */
    public static final String DASHBOARD_CHANNEL = "dashboard";

    public static DashboardView read(ReleaseClock release, MetricStore store, AlertStore alerts, int recentLimit) {
        Instant now = release.now();
        List<MetricRecord> latest = store.latest();
        Map<String, MetricRecord> runs = new TreeMap<>();
        Map<String, List<MetricRecord>> byType = new TreeMap<>();
        for (MetricRecord r : latest) {
            if (r.name().equals("run")) runs.put(r.type(), r);
            else byType.computeIfAbsent(r.type(), t -> new java.util.ArrayList<>()).add(r);
        }
        return new DashboardView(now, release.releaseTime(), Duration.between(release.releaseTime(), now), release.phaseAt(now),
                runs, byType, store.recent(now.minus(Duration.ofHours(24)), recentLimit), store.phaseChanges(20),
                alerts.activeInstances(), alerts.recentInstances(20), alerts.recentEvents(20),
                alerts.delivered(DASHBOARD_CHANNEL, 10).stream().map(r -> NotificationJson.read(r.payload())).toList());
    }

    public Map<String, String> statusByType() {
        return latestRunByType.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().status().label(), (a, b) -> a, TreeMap::new));
    }
}
