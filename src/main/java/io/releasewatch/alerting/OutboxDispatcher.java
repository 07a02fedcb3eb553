package io.releasewatch.alerting;

import io.releasewatch.store.AlertStore;
import io.releasewatch.store.AlertStore.OutboxRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued notifications, one worker per channel, so a slow or failing channel never delays the others.
 * Each channel delivers in order; a failure is retried with exponential backoff (or after the Retry-After a
 * 429 names); after the retries the notification is written to the dead-letter file and kept, and the channel
 * keeps trying at the recovery interval, so it is delivered once the channel is back. Sends respect each
 * channel's minimum interval (Slack: about one message per second per webhook). Backoff and rate limits are
 * real time, not the monitor clock: they are about the receiving service.
 */
public final class OutboxDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    public static final String DELIVER_ENDPOINT = "direct:alert-deliver";
    public static final String PROPERTY_CHANNEL = "alertChannel";
    public static final String PROPERTY_CHANNEL_URI = "alertChannelUri";
    public static final String PROPERTY_NOTIFICATION = "alertNotification";

    private final AlertStore store;
    private final Map<String, Channel> channels;
    private final Clock realClock;
    private final DeadLetters deadLetters;
    private final Retry retry;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    // Bumped by every wake(): a worker that read an empty outbox just before new rows were queued sees the
    // change and looks again instead of sleeping through it.
    private long generation;
    private final List<Thread> workers = new ArrayList<>();
    private volatile ProducerTemplate template;
    private volatile boolean running;

    /** How often and how long to retry. */
    public record Retry(int attempts, Duration firstDelay, Duration maxDelay, Duration recoveryInterval) {
        Duration delayAfter(int attempt) {
            long millis = firstDelay.toMillis() << Math.min(attempt - 1, 20);
            return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
        }
    }

    /** Where a notification goes when a channel would not take it after all retries. */
    public interface DeadLetters {
        void write(String channel, String payload, String reason);
    }

    public OutboxDispatcher(AlertStore store, Map<String, Channel> channels, Clock realClock, Retry retry, DeadLetters deadLetters) {
        this.store = store;
        this.channels = channels;
        this.realClock = realClock;
        this.retry = retry;
        this.deadLetters = deadLetters;
    }

    public synchronized void start(ProducerTemplate template) {
        if (running) return;
        this.template = template;
        running = true;
        int waiting = store.retryUndeliveredNow(realClock.instant());
        if (waiting > 0) LOG.info("{} notifications from before the restart are waiting for delivery", waiting);
        for (Channel c : channels.values()) {
            Thread t = new Thread(() -> work(c), "alert-channel-" + c.name());
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    /** New notifications are in the outbox. */
    public void wake() {
        lock.lock();
        try {
            generation++;
            queued.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void work(Channel channel) {
        Instant lastSend = Instant.EPOCH;
        while (running) {
            try {
                long seen = generation();
                Optional<OutboxRow> head = store.head(channel.name());
                Instant now = realClock.instant();
                Instant notBefore = head.map(OutboxRow::nextAttemptAt).orElse(null);
                Instant rateLimit = lastSend.plus(channel.minInterval());
                if (head.isEmpty() || now.isBefore(notBefore) || now.isBefore(rateLimit)) {
                    Instant wakeAt = head.isEmpty() ? now.plusSeconds(1) : max(notBefore, rateLimit);
                    await(Duration.between(now, wakeAt), seen);
                    continue;
                }
                lastSend = realClock.instant();
                deliver(channel, head.get());
            } catch (RuntimeException e) {
                // A store hiccup must not kill the channel's worker: log and try again shortly.
                LOG.error("Alert channel {} worker: {}", channel.name(), e.getMessage());
                await(Duration.ofSeconds(1), generation());
            }
        }
    }

    private void deliver(Channel channel, OutboxRow row) {
        Notification n = NotificationJson.read(row.payload());
        Exchange result = template.send(DELIVER_ENDPOINT, ex -> {
            ex.getMessage().setBody(row.payload());
            ex.setProperty(PROPERTY_CHANNEL, channel.name());
            ex.setProperty(PROPERTY_CHANNEL_URI, channel.uri());
            ex.setProperty(PROPERTY_NOTIFICATION, n);
        });
        int attempts = row.attempts() + 1;
        Exception failure = result.getException();
        Instant now = realClock.instant();
        if (failure == null) {
            store.markDelivered(row.seq(), attempts, now);
            if (row.deadLettered()) LOG.info("Alert channel {} is back: delivered {} after {} attempts", channel.name(), n.headline(), attempts);
            return;
        }
        String reason = describe(failure);
        Duration retryAfter = retryAfter(failure);
        boolean exhausted = attempts >= retry.attempts();
        Duration wait = retryAfter != null ? retryAfter : exhausted ? retry.recoveryInterval() : retry.delayAfter(attempts);
        if (exhausted && !row.deadLettered()) {
            deadLetters.write(channel.name(), row.payload(), reason);
            LOG.error("Alert channel {} failed {} times ({}): '{}' written to the dead-letter file; retrying every {} s until it recovers",
                    channel.name(), attempts, reason, n.headline(), retry.recoveryInterval().toSeconds());
        } else {
            LOG.warn("Alert channel {} attempt {} failed ({}), retrying in {} ms", channel.name(), attempts, reason, wait.toMillis());
        }
        store.markFailed(row.seq(), attempts, now.plus(wait), reason, exhausted || row.deadLettered());
    }

    /** Slack and HTTP channels may ask us to wait: honour it rather than hammering a rate-limited service. */
    static Duration retryAfter(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String header = null;
            if (t instanceof SlackWebhook.SlackDeliveryException s && s.status() == 429) header = s.retryAfter();
            if (t instanceof HttpOperationFailedException h && h.getStatusCode() == 429) header = h.getResponseHeaders().get("Retry-After");
            if (header != null) {
                try {
                    return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
                } catch (NumberFormatException ignored) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String describe(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getMessage() == null) t = t.getCause();
        if (t instanceof HttpOperationFailedException h) return "HTTP " + h.getStatusCode();
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code d} (at most 1 s), or not at all when something was queued since {@code seen}. */
    private void await(Duration d, long seen) {
        if (d.isNegative() || d.isZero()) return;
        lock.lock();
        try {
            if (generation != seen) return;
            queued.await(Math.min(d.toMillis(), 1000), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public synchronized void close() {
        running = false;
        wake();
        for (Thread t : workers) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }
}
