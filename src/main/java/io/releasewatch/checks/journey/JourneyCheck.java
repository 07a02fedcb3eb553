package io.releasewatch.checks.journey;

import io.releasewatch.checks.CheckRun;
import io.releasewatch.checks.HttpProbe;
import io.releasewatch.checks.ProbeResult;
import io.releasewatch.checks.Targets;
import io.releasewatch.clock.Phase;
import io.releasewatch.clock.ReleaseClock;
import io.releasewatch.metrics.MetricRecord;
import io.releasewatch.metrics.Status;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Guide 1.3: the user journeys a release must not break, run as a real user would, one step after another:
 * homepage load, registration with a fresh address, sign-in with the test account, payment health.
 */
public final class JourneyCheck {
    public static final String TYPE = "journey";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"[^\"]+\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpProbe probe;
    private final ReleaseClock release;
    private final Targets targets;
    private final JourneySettings settings;

    public JourneyCheck(HttpProbe probe, ReleaseClock release, Targets targets, JourneySettings settings) {
        this.probe = probe;
        this.release = release;
        this.targets = targets;
        this.settings = settings;
    }

    public CheckRun run() {
        Instant time = release.now();
        Phase phase = release.phaseAt(time);
        List<Step> steps = List.of(homepage(), registration(), signIn(), paymentHealth());

        List<MetricRecord> records = new ArrayList<>();
        Status overall = Status.OK;
        int failed = 0;
        for (Step s : steps) {
            records.add(new MetricRecord(time, phase, TYPE, s.name, s.millis, s.status, s.detail));
            if (s.status == Status.CRITICAL) failed++;
            overall = overall.worst(s.status);
        }
        records.add(new MetricRecord(time, phase, TYPE, "run", (double) failed, overall,
                failed + " of " + steps.size() + " journey steps failed"));
        return new CheckRun(TYPE, overall, records);
    }

    private Step homepage() {
        ProbeResult r = probe.get(targets.resolve(settings.homepagePath())).join();
        boolean fast = r.elapsed().compareTo(settings.homepageMaxTime()) < 0;
        String detail = r.outcome() + " in " + Math.round(r.elapsedMillis()) + " ms"
                + (r.succeeded() && !fast ? " (limit " + settings.homepageMaxTime().toMillis() + " ms)" : "");
        return Step.of("homepage", r, r.statusCode() == 200 && fast, detail);
    }

    private Step registration() {
        String email = "monitor_" + release.now().toEpochMilli() + "_" + HexFormat.of().formatHex(bytes(3))
                + "@" + settings.registrationEmailDomain();
        String password = "Rw-" + HexFormat.of().formatHex(bytes(12)) + "!";
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + password
                + "\",\"first_name\":\"Monitor\",\"last_name\":\"Test\"}";
        ProbeResult r = probe.postJson(targets.resolve(settings.registerPath()), body, Map.of()).join();
        boolean ok = r.statusCode() == 200 || r.statusCode() == 201;
        return Step.of("registration", r, ok, r.outcome() + " registering " + email);
    }

    private Step signIn() {
        if (settings.email().isEmpty() || settings.password().isEmpty()) {
            return new Step("signin", null, Status.UNAVAILABLE,
                    "no test account configured (set MONITOR_JOURNEY_EMAIL and MONITOR_JOURNEY_PASSWORD)");
        }
        String body = "{\"email\":\"" + escape(settings.email()) + "\",\"password\":\"" + escape(settings.password()) + "\"}";
        ProbeResult r = probe.postJson(targets.resolve(settings.signinPath()), body, Map.of()).join();
        boolean token = r.statusCode() == 200 && ACCESS_TOKEN.matcher(r.body()).find();
        String detail = r.statusCode() == 200 && !token ? "HTTP 200 without an access_token" : r.outcome();
        return Step.of("signin", r, token, detail);
    }

    private Step paymentHealth() {
        ProbeResult r = probe.get(targets.resolve(settings.paymentHealthPath())).join();
        return Step.of("payment_health", r, r.statusCode() == 200, r.outcome());
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private record Step(String name, Double millis, Status status, String detail) {
        static Step of(String name, ProbeResult r, boolean passed, String detail) {
            return new Step(name, r.answered() ? r.elapsedMillis() : null, passed ? Status.OK : Status.CRITICAL, detail);
        }
    }

    /** Paths and the test account; the password is a secret and never leaves this object except in the sign-in body. */
    public record JourneySettings(String homepagePath, Duration homepageMaxTime, String registerPath,
                                  String registrationEmailDomain, String signinPath, String paymentHealthPath,
                                  String email, String password) {
        @Override
        public String toString() {
            return "JourneySettings[" + homepagePath + ", " + registerPath + ", " + signinPath + ", " + paymentHealthPath
                    + ", account=" + email + ", password=****]";
        }
    }
}
