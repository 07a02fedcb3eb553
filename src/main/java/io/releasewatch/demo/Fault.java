package io.releasewatch.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A failure the demo platform can be told to have, so the monitor's checks and alerts can be shown
 * and tested against a real server instead of mocks. The id is what the HTTP switch and the monitor's
 * demo scripts use.
 */
public enum Fault {
    APP_DOWN("app-down", "GET /health returns 503"),
    DATABASE_DOWN("database-down", "GET /api/health/database returns 503"),
    API_DOWN("api-down", "GET /api/health returns 500"),
    PROVIDERS_DEGRADED("providers-degraded", "GET /api/health/providers returns 503"),
    PAYMENTS_503("payments-503", "GET /api/health/payments returns 503"),
    HOMEPAGE_SLOW("homepage-slow", "GET / takes 3 s"),
    API_SLOW("api-slow", "GET /api/health takes 1.5 s"),
    MOBILE_SLOW("mobile-slow", "GET /api/mobile/health takes 1.2 s"),
    ERRORS("errors", "background traffic gets about 20% 5xx responses"),
    REGISTRATION_BROKEN("registration-broken", "POST /api/auth/register returns 500"),
    SIGNIN_BROKEN("signin-broken", "POST /api/auth/signin returns 503"),
    // Business faults: they change what goes into the business database (see BusinessActivity), which the
    // monitor's business-metrics check reads. Without a business database only no-registrations shows.
    PAYMENTS_FAILING("payments-failing", "business database: about 30% of payments fail (normally 2%)"),
    NO_DELIVERIES("no-deliveries", "business database: orders stop being delivered (the backlog goes out once it is off)"),
    NO_REGISTRATIONS("no-registrations",
            "no new profiles: POST /api/auth/register returns 503 and the background sign-ups stop"),
    ZERO_REVENUE("zero-revenue", "business database: every payment fails, so no revenue");

    private final String id;
    private final String description;

    Fault(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static Optional<Fault> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Fault::id).toList();
    }
}
