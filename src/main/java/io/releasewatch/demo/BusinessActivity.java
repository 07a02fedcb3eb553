package io.releasewatch.demo;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The shop's business activity in its {@link ShopDatabase}: what the platform's own endpoints do (a sign-up
 * adds a profile, an order adds an order and its payment) plus a simulated customer flow in the background,
 * so the monitor's business-metrics check reads numbers that move.
 *
 * <p>Every time comes from the injected clock. The monitor's demo runs its clock 60 times faster and hands
 * the same clock over, so "the last hour" means the same thing to the writer and the reader. A daemon ticks
 * every real second and generates the activity for the clock time that passed since the last tick, in steps
 * of at most {@link #STEP}, all in one transaction.
 *
 * <p>The model, per hour of clock time (Poisson arrivals at uniform times within a step):
 * <ul>
 * <li>{@value #REGISTRATIONS_PER_HOUR} registrations;
 * <li>{@value #ORDERS_PER_HOUR} orders, each paid at once: {@value #NORMAL_PAYMENT_FAILURE_SHARE} of the
 *     payments fail normally. Failures are spread evenly rather than drawn at random, so the share holds
 *     even over a few dozen payments and only the payment faults push it past the monitor's 5 % limit. A
 *     failed payment leaves its order {@code payment_failed} and writes a {@code payment_error} audit row;
 * <li>each paid order is delivered 10 to 40 minutes after it was created (status {@code delivered},
 *     {@code delivered_at} set), except one in {@value #CANCEL_ONE_IN} which is cancelled at that point.
 *     The delay is derived from the order id, so it needs no extra column and survives a restart;
 * <li>{@value #LOGINS_PER_HOUR} {@code login} audit rows, {@value #CHECKOUT_ERRORS_PER_HOUR}
 *     {@code checkout_error} and {@value #GATEWAY_ERRORS_PER_HOUR} {@code payment_error} (gateway) rows.
 * </ul>
 * Rows older than {@link #RETENTION} of clock time are deleted on every tick, so a long demo stays small.
 *
 * <p>Faults: {@link Fault#PAYMENTS_FAILING} fails {@value #DEGRADED_PAYMENT_FAILURE_SHARE} of payments,
 * {@link Fault#ZERO_REVENUE} all of them, {@link Fault#NO_DELIVERIES} stops deliveries (cancellations go
 * on; the backlog is delivered once the fault is off), {@link Fault#NO_REGISTRATIONS} stops new profiles.
 */
final class BusinessActivity {
    static final double REGISTRATIONS_PER_HOUR = 30;
    static final double ORDERS_PER_HOUR = 20;
    static final double LOGINS_PER_HOUR = 60;
    static final double CHECKOUT_ERRORS_PER_HOUR = 3;
    static final double GATEWAY_ERRORS_PER_HOUR = 2;
    static final double NORMAL_PAYMENT_FAILURE_SHARE = 0.02;
    static final double DEGRADED_PAYMENT_FAILURE_SHARE = 0.30;
    static final int MIN_DELIVERY_MINUTES = 10;
    static final int MAX_DELIVERY_MINUTES = 40;
    static final int CANCEL_ONE_IN = 25;
    static final Duration RETENTION = Duration.ofDays(7);
    static final Duration STEP = Duration.ofMinutes(1);
    /** Upper bound for an amount given to POST /api/orders: 100 000.00. */
    static final long MAX_AMOUNT_CENTS = 10_000_000;

    /** How long after creation an order is settled, in SQL: 10 to 40 minutes, scattered by the order id. */
    private static final String DUE_AT = "(created_at + (" + MIN_DELIVERY_MINUTES + " + (id * 7919) % "
            + (MAX_DELIVERY_MINUTES - MIN_DELIVERY_MINUTES + 1) + ") * 60000)";
    private static final String CANCELLED = "(id * 40503) % " + CANCEL_ONE_IN + " = 0";
    private static final String CANCEL_DUE = "UPDATE orders SET status = 'cancelled' "
            + "WHERE status = 'created' AND " + CANCELLED + " AND " + DUE_AT + " <= ?";
    /** Delivered when due; a backlog (after the no-deliveries fault) is delivered at the step it is released. */
    private static final String DELIVER_DUE = "UPDATE orders SET status = 'delivered', delivered_at = MAX(" + DUE_AT + ", ?) "
            + "WHERE status = 'created' AND " + DUE_AT + " <= ?";
    private static final List<String> CHECKOUT_PROBLEMS = List.of("inventory reservation timed out",
            "cart total mismatch", "address validation failed", "shipping quote unavailable");
    private static final int RECENT_PROFILES = 1000;

    /** What POST /api/orders created. */
    record PlacedOrder(long id, String status, long amountCents, String paymentStatus) {
    }

    private final ShopDatabase db;
    private final Faults faults;
    private final Clock clock;
    private final Random random;
    /** Recent profile ids, as a ring, so orders and logins belong to customers who exist. */
    private final long[] recentProfiles = new long[RECENT_PROFILES];
    private int recentCount;
    private int recentNext;
    private double failureCarry;
    private Instant simulatedUntil;
    private boolean tickFailing;
    private ScheduledExecutorService scheduler;

    BusinessActivity(ShopDatabase db, Faults faults, Clock clock, Random random) {
        this.db = db;
        this.faults = faults;
        this.clock = clock;
        this.random = random;
        List<Long> newest = db.transaction(tx -> tx.newestProfileIds(RECENT_PROFILES));
        for (int i = newest.size() - 1; i >= 0; i--) {
            remember(newest.get(i));
        }
        this.simulatedUntil = clock.instant();
    }

    ShopDatabase database() {
        return db;
    }

    /**
     * Fills in up to {@code history} of activity before now, starting after the newest row already there, so
     * the monitor's 24-hour windows are full from its first run (no "none delivered" finding while the first
     * orders are still on their way) and a reopened file has no hole for the time it lay unused.
     */
    synchronized void backfill(Duration history) {
        if (history.isZero() || history.isNegative()) {
            return;
        }
        Instant now = clock.instant();
        Instant from = now.minus(history);
        Optional<Instant> last = db.transaction(ShopDatabase.Tx::lastActivity);
        if (last.isPresent() && last.get().isAfter(from)) {
            from = last.get();
        }
        simulate(from, now);
        simulatedUntil = now;
    }

    synchronized void start() {
        if (scheduler != null) {
            return;
        }
        // Activity starts now, not at construction: time spent stopped is not made up for.
        simulatedUntil = clock.instant();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-business-activity");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /** Generates the activity for the clock time since the last tick. Never throws: that would end the schedule. */
    void tick() {
        try {
            advanceTo(clock.instant());
        } catch (RuntimeException e) {
            synchronized (this) {
                if (!tickFailing) {
                    System.err.println("demo platform: business activity failed (logged once until it recovers): " + e);
                    tickFailing = true;
                }
            }
        }
    }

    synchronized void advanceTo(Instant now) {
        Instant from = simulatedUntil;
        // Moved on before the work, so a failing database does not pile up ever longer windows to retry.
        simulatedUntil = now.isAfter(from) ? now : from;
        if (now.isAfter(from)) {
            simulate(from, now);
            if (tickFailing) {
                System.err.println("demo platform: business activity recovered");
                tickFailing = false;
            }
        }
    }

    /**
     * Generates the background activity of the window (from, to] and deletes rows older than
     * {@link #RETENTION} before {@code to}, in one transaction. Windows longer than the retention are cut to
     * it: anything earlier would be deleted at once.
     */
    synchronized void simulate(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return;
        }
        Instant start = from.isBefore(to.minus(RETENTION)) ? to.minus(RETENTION) : from;
        db.transaction(tx -> {
            for (Instant t = start; t.isBefore(to); ) {
                Instant next = t.plus(STEP).isBefore(to) ? t.plus(STEP) : to;
                step(tx, t, next);
                t = next;
            }
            Instant cutoff = to.minus(RETENTION);
            for (String table : ShopDatabase.TABLES) {
                tx.update("DELETE FROM " + table + " WHERE created_at < ?", cutoff);
            }
            return null;
        });
    }

    /** A new profile for a successful sign-up, at the clock's time; its id. */
    synchronized long register(String email) {
        long id = db.transaction(tx -> tx.insertProfile(email, clock.instant()));
        remember(id);
        return id;
    }

    /** An order and its payment for POST /api/orders, at the clock's time; {@code amountCents} null for a random one. */
    synchronized PlacedOrder placeOrder(String customerEmail, Long amountCents) {
        long amount = amountCents != null ? amountCents : randomAmountCents();
        Instant now = clock.instant();
        return db.transaction(tx -> {
            Long profileId = customerEmail == null ? null : tx.profileIdByEmail(customerEmail).orElse(null);
            return order(tx, profileId, amount, now);
        });
    }

    /** A sign-in's audit row. */
    synchronized void login(String email) {
        Instant now = clock.instant();
        db.transaction(tx -> {
            tx.audit("login", email, now);
            return null;
        });
    }

    private void step(ShopDatabase.Tx tx, Instant start, Instant end) throws SQLException {
        double hours = Duration.between(start, end).toMillis() / 3_600_000.0;
        if (!faults.isOn(Fault.NO_REGISTRATIONS)) {
            for (int i = poisson(REGISTRATIONS_PER_HOUR * hours); i > 0; i--) {
                remember(tx.insertProfile(randomEmail(), timeIn(start, end)));
            }
        }
        for (int i = poisson(ORDERS_PER_HOUR * hours); i > 0; i--) {
            order(tx, randomProfile(), randomAmountCents(), timeIn(start, end));
        }
        tx.update(CANCEL_DUE, end);
        if (!faults.isOn(Fault.NO_DELIVERIES)) {
            tx.update(DELIVER_DUE, start, end);
        }
        for (int i = poisson(LOGINS_PER_HOUR * hours); i > 0; i--) {
            Long profile = randomProfile();
            tx.audit("login", profile == null ? null : "profile " + profile, timeIn(start, end));
        }
        for (int i = poisson(CHECKOUT_ERRORS_PER_HOUR * hours); i > 0; i--) {
            tx.audit("checkout_error", CHECKOUT_PROBLEMS.get(random.nextInt(CHECKOUT_PROBLEMS.size())), timeIn(start, end));
        }
        for (int i = poisson(GATEWAY_ERRORS_PER_HOUR * hours); i > 0; i--) {
            tx.audit("payment_error", "payment gateway timed out, retried", timeIn(start, end));
        }
    }

    private PlacedOrder order(ShopDatabase.Tx tx, Long profileId, long amountCents, Instant at) throws SQLException {
        long orderId = tx.insertOrder(profileId, "created", amountCents, at);
        if (paymentFails()) {
            tx.insertPayment(orderId, "failed", amountCents, at);
            tx.setOrderStatus(orderId, "payment_failed");
            tx.audit("payment_error", "order " + orderId + ": card declined", at);
            return new PlacedOrder(orderId, "payment_failed", amountCents, "failed");
        }
        tx.insertPayment(orderId, "succeeded", amountCents, at);
        return new PlacedOrder(orderId, "created", amountCents, "succeeded");
    }

    /** Spreads failures evenly at the current share: at 2 %, every 50th payment fails. */
    private boolean paymentFails() {
        double share = faults.isOn(Fault.ZERO_REVENUE) ? 1.0
                : faults.isOn(Fault.PAYMENTS_FAILING) ? DEGRADED_PAYMENT_FAILURE_SHARE
                : NORMAL_PAYMENT_FAILURE_SHARE;
        failureCarry += share;
        // The tolerance absorbs rounding, so 50 steps of 0.02 make a whole failure.
        if (failureCarry >= 1 - 1e-9) {
            failureCarry = Math.max(0, failureCarry - 1);
            return true;
        }
        return false;
    }

    /** Log-normal around 35.00 (most between 15 and 80), priced at .99, within 2.99 to 499.99. */
    private long randomAmountCents() {
        double raw = Math.exp(Math.log(3500) + 0.6 * random.nextGaussian());
        long cents = Math.max(299, Math.min(49_999, Math.round(raw)));
        return cents / 100 * 100 + 99;
    }

    private String randomEmail() {
        return String.format(Locale.ROOT, "customer-%08x@example.com", random.nextInt());
    }

    private Instant timeIn(Instant start, Instant end) {
        long span = Duration.between(start, end).toMillis();
        // (start, end]: a step never writes a row at the previous step's end twice over.
        return start.plusMillis(1 + (long) (random.nextDouble() * Math.max(0, span - 1)));
    }

    private Long randomProfile() {
        return recentCount == 0 ? null : recentProfiles[random.nextInt(recentCount)];
    }

    private void remember(long profileId) {
        recentProfiles[recentNext] = profileId;
        recentNext = (recentNext + 1) % RECENT_PROFILES;
        recentCount = Math.min(recentCount + 1, RECENT_PROFILES);
    }

    /** Knuth's method: fine for the small means of one step. */
    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }
}
