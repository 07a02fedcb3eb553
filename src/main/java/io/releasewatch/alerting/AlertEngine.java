package io.releasewatch.alerting;

import io.releasewatch.alerting.AlertInstance.State;
import io.releasewatch.alerting.rules.InMemoryMetricHistory;
import io.releasewatch.alerting.rules.Rule;
import io.releasewatch.alerting.rules.RuleEvaluator;
import io.releasewatch.alerting.rules.RuleResult;
import io.releasewatch.alerting.rules.RuleSet;
import io.releasewatch.checks.CheckRun;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.store.AlertStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lifecycle: evaluates the rules after every check run and on a steady tick, moves each rule/series
 * pair through pending → firing → resolved, escalates unacknowledged alerts and reminds of long-firing ones.
 * Every state change is stored together with the notifications it causes (the outbox), so a restart
 * neither repeats nor loses a notification; the {@link OutboxDispatcher} delivers them.
 */
public final class AlertEngine {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private final ReleaseClock release;
    private final InMemoryMetricHistory history;
    private final RuleBook rules;
    private final RuleEvaluator evaluator = new RuleEvaluator();
    private final AlertStore store;
    private final SeverityPolicy policy;
    private final Map<String, Channel> channels;
    private final Silences silences;
    private final Duration reminder;
    private final String dashboardUrl;
    private final Runnable onNotificationsQueued;
    private final Map<String, AlertInstance> active = new LinkedHashMap<>();

    public AlertEngine(ReleaseClock release, InMemoryMetricHistory history, RuleBook rules, AlertStore store,
                       SeverityPolicy policy, Map<String, Channel> channels, Silences silences, Duration reminder,
                       String dashboardUrl, Runnable onNotificationsQueued) {
        this.release = release;
        this.history = history;
        this.rules = rules;
        this.store = store;
        this.policy = policy;
        this.channels = channels;
        this.silences = silences;
        this.reminder = reminder;
        this.dashboardUrl = dashboardUrl;
        this.onNotificationsQueued = onNotificationsQueued;
        store.activeInstances().forEach(a -> active.put(a.key(), a));
        if (!active.isEmpty()) LOG.info("Resumed {} pending or firing alerts from the store", active.size());
    }

    /** A check ran: its records join the history and the rules on its type are evaluated at once. */
    public synchronized void onRun(CheckRun run) {
        history.add(run.records());
        evaluate(Set.of(run.type()));
    }

    /** The steady tick: all rules (so "for" durations and windows move on without new data), escalations, reminders. */
    public synchronized void tick() {
        rules.reloadIfChanged();
        evaluate(null);
        escalateAndRemind();
    }

    public synchronized Optional<AlertInstance> acknowledge(String id, String by) {
        AlertInstance current = active.values().stream().filter(a -> a.id().equals(id)).findFirst()
                .or(() -> store.instance(id)).orElse(null);
        if (current == null) return Optional.empty();
        if (current.acknowledged()) return Optional.of(current);
        Instant now = release.now();
        AlertInstance acked = current.acknowledgedBy(by, now);
        if (active.containsKey(acked.key()) && active.get(acked.key()).id().equals(id)) active.put(acked.key(), acked);
        store.apply(List.of(acked), List.of(new AlertStore.Event(id, now, "acknowledged", acked.summary() + ": by " + by)), List.of(), now);
        LOG.info("Alert {} ({} on {}) acknowledged by {}", id, acked.rule(), acked.series(), by);
        return Optional.of(acked);
    }

    public synchronized List<AlertInstance> activeAlerts() {
        return List.copyOf(active.values());
    }

    private void evaluate(Set<String> types) {
        Instant now = release.now();
        RuleSet set = rules.rules();
        List<Rule> selected = types == null ? set.rules() : set.rules().stream().filter(r -> types.contains(r.type())).toList();
        List<RuleResult> results = evaluator.evaluate(new RuleSet(selected), history, now);

        List<AlertInstance> changed = new ArrayList<>();
        List<AlertStore.Event> events = new ArrayList<>();
        Map<String, List<AlertInstance>> fired = new LinkedHashMap<>();
        Map<String, List<AlertInstance>> resolved = new LinkedHashMap<>();
        Map<String, Rule> ruleByName = new HashMap<>();
        set.rules().forEach(r -> ruleByName.put(r.name(), r));

        for (RuleResult r : results) {
            String key = r.rule().name() + "|" + r.series();
            AlertInstance current = active.get(key);
            if (r.active()) {
                boolean silenced = silences.silenced(r.rule().name(), r.labels(), now);
                if (current == null) {
                    current = new AlertInstance(UUID.randomUUID().toString(), r.rule().name(), r.series(), r.rule().severity(),
                            State.PENDING, now, null, null, null, null, null, 0, silenced, r.summary(), r.description(),
                            r.observed(), r.labels());
                    events.add(new AlertStore.Event(current.id(), now, "pending", r.summary()));
                } else {
                    boolean silenceEnded = current.silenced() && !silenced && current.state() == State.FIRING;
                    current = current.observed(r.summary(), r.description(), r.observed(), silenced);
                    if (silenceEnded) {
                        // Nobody was told while it was silenced: it fires (and escalates) from now on.
                        current = current.with(State.FIRING, now, null).notifiedAt(now);
                        events.add(new AlertStore.Event(current.id(), now, "fired", "silence ended: " + r.summary()));
                        fired.computeIfAbsent(cause(current), k -> new ArrayList<>()).add(current);
                    }
                }
                if (current.state() == State.PENDING && !now.isBefore(current.pendingSince().plus(r.rule().forDuration()))) {
                    current = current.with(State.FIRING, now, null);
                    events.add(new AlertStore.Event(current.id(), now, current.silenced() ? "fired (silenced)" : "fired", r.summary()));
                    if (!current.silenced()) {
                        current = current.notifiedAt(now);
                        fired.computeIfAbsent(cause(current), k -> new ArrayList<>()).add(current);
                    }
                }
                active.put(key, current);
                changed.add(current);
            } else if (current != null) {
                active.remove(key);
                if (current.state() == State.FIRING) {
                    AlertInstance done = current.observed(r.summary(), r.description(), r.observed(), current.silenced())
                            .with(State.RESOLVED, current.firedAt(), now);
                    events.add(new AlertStore.Event(done.id(), now, "resolved", r.summary()));
                    changed.add(done);
                    if (!done.silenced()) resolved.computeIfAbsent(cause(done), k -> new ArrayList<>()).add(done);
                } else {
                    // Pending that never fired: forgotten, as if it had not happened.
                    changed.add(current.with(State.RESOLVED, null, now));
                    events.add(new AlertStore.Event(current.id(), now, "cleared before firing", r.summary()));
                }
            }
        }
        if (types == null) resolveOrphans(ruleByName, now, changed, events, resolved);

        List<AlertStore.Outgoing> outgoing = new ArrayList<>();
        fired.forEach((cause, list) -> outgoing.addAll(route(notification(Notification.Kind.FIRING, list, 0, now),
                policy.level(list.get(0).severity()).channels(), false)));
        resolved.forEach((cause, list) -> outgoing.addAll(route(notification(Notification.Kind.RESOLVED, list, 0, now),
                policy.level(list.get(0).severity()).channels(), true)));
        persist(changed, events, outgoing, now);
    }

    /** Alerts of rules that were removed from the rules file resolve, instead of firing forever. */
    private void resolveOrphans(Map<String, Rule> ruleByName, Instant now, List<AlertInstance> changed,
                                List<AlertStore.Event> events, Map<String, List<AlertInstance>> resolved) {
        for (AlertInstance a : List.copyOf(active.values())) {
            if (ruleByName.containsKey(a.rule())) continue;
            active.remove(a.key());
            AlertInstance done = a.with(State.RESOLVED, a.firedAt(), now);
            changed.add(done);
            events.add(new AlertStore.Event(a.id(), now, "resolved", "rule removed from the rules file"));
            if (a.state() == State.FIRING && !a.silenced()) resolved.computeIfAbsent(cause(done), k -> new ArrayList<>()).add(done);
        }
    }

    private void escalateAndRemind() {
        Instant now = release.now();
        List<AlertInstance> changed = new ArrayList<>();
        List<AlertStore.Event> events = new ArrayList<>();
        Map<String, List<AlertInstance>> escalated = new LinkedHashMap<>();
        Map<String, List<AlertInstance>> reminded = new LinkedHashMap<>();
        for (AlertInstance a : List.copyOf(active.values())) {
            if (a.state() != State.FIRING || a.silenced() || a.acknowledged()) continue;
            SeverityPolicy.Level level = policy.level(a.severity());
            int next = a.escalationLevel() + 1;
            if (next <= policy.maxEscalations()
                    && !now.isBefore(a.firedAt().plus(level.escalationTime().multipliedBy(next)))) {
                AlertInstance e = a.escalatedTo(next).notifiedAt(now);
                active.put(e.key(), e);
                changed.add(e);
                events.add(new AlertStore.Event(e.id(), now, "escalated", e.summary() + ": level " + next + " after "
                        + Duration.between(a.firedAt(), now).toMinutes() + " min unacknowledged"));
                escalated.computeIfAbsent(cause(e) + "#" + next, k -> new ArrayList<>()).add(e);
            } else if (!reminder.isZero() && a.lastNotifiedAt() != null && !now.isBefore(a.lastNotifiedAt().plus(reminder))) {
                AlertInstance r = a.notifiedAt(now);
                active.put(r.key(), r);
                changed.add(r);
                events.add(new AlertStore.Event(r.id(), now, "reminded", r.summary()));
                reminded.computeIfAbsent(cause(r), k -> new ArrayList<>()).add(r);
            }
        }
        if (changed.isEmpty()) return;
        List<AlertStore.Outgoing> outgoing = new ArrayList<>();
        escalated.forEach((key, list) -> {
            AlertInstance first = list.get(0);
            outgoing.addAll(route(notification(Notification.Kind.ESCALATION, list, first.escalationLevel(), now),
                    policy.level(first.severity()).escalationChannels(), false));
        });
        reminded.forEach((cause, list) -> outgoing.addAll(route(notification(Notification.Kind.REMINDER, list, 0, now),
                policy.level(list.get(0).severity()).channels(), false)));
        persist(changed, events, outgoing, now);
    }

    /**
     * Alerts with the same cause go out as one message: the same check type and severity in one evaluation,
     * e.g. the application and the database failing in the same health run, or five endpoints of one rule.
     */
    private static String cause(AlertInstance a) {
        return a.series().substring(0, a.series().indexOf('/')) + "|" + a.severity();
    }

    private Notification notification(Notification.Kind kind, List<AlertInstance> alerts, int level, Instant now) {
        AlertInstance first = alerts.get(0);
        List<String> ruleNames = alerts.stream().map(AlertInstance::rule).distinct().toList();
        String title = alerts.size() == 1 ? first.summary()
                : ruleNames.size() == 1 ? first.rule() + ": " + alerts.size() + " series"
                : String.join("; ", alerts.stream().map(AlertInstance::summary).distinct().toList());
        List<Notification.Item> items = alerts.stream().map(a -> new Notification.Item(a.id(), a.series(), a.state().name().toLowerCase(),
                a.summary(), a.description(), a.observed(), a.labels())).toList();
        return new Notification(UUID.randomUUID().toString(), kind, now, release.phaseAt(now), first.severity(), level,
                String.join(",", ruleNames), title, items, context(alerts), dashboardUrl);
    }

    /** The latest result of every signal of the alert's check type, e.g. all endpoints of a failing health run. */
    private List<Notification.Line> context(List<AlertInstance> alerts) {
        String series = alerts.get(0).series();
        String type = series.substring(0, series.indexOf('/'));
        List<Notification.Line> lines = new ArrayList<>();
        for (String name : history.names(type).stream().sorted().toList()) {
            if (name.equals("run")) continue;
            history.latest(type, name).ifPresent(r -> lines.add(new Notification.Line(name, r.status().label(), r.details())));
        }
        return lines;
    }

    private List<AlertStore.Outgoing> route(Notification n, List<String> channelNames, boolean resolution) {
        String payload = NotificationJson.write(n);
        List<AlertStore.Outgoing> out = new ArrayList<>();
        for (String name : channelNames) {
            Channel c = channels.get(name);
            if (c == null || (resolution && !c.notifyResolved())) continue;
            out.add(new AlertStore.Outgoing(name, payload));
        }
        LOG.warn("ALERT {} -> {}", n.headline(), out.stream().map(AlertStore.Outgoing::channel).toList());
        return out;
    }

    private void persist(List<AlertInstance> changed, List<AlertStore.Event> events, List<AlertStore.Outgoing> outgoing, Instant now) {
        store.apply(changed, events, outgoing, now);
        if (!outgoing.isEmpty()) onNotificationsQueued.run();
    }
}
