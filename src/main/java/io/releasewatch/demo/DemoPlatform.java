package io.releasewatch.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small but real web platform for Release Watch to monitor in its demo and tests: health endpoints,
 * sign-up, sign-in and orders for user-journey checks, Prometheus request metrics with background
 * traffic, host metrics, and a switch to inject named {@link Fault faults}.
 *
 * <p>Optionally ({@link Builder#businessDatabase(Path)}) it keeps a business database, a SQLite file with
 * profiles, orders, payments and an audit log that its endpoints and a simulated customer flow write to (see
 * {@link BusinessActivity}), for the monitor's business-metrics check. Its times come from the platform's
 * clock ({@link Builder#clock(Clock)}), which should be the monitor's.
 */
public final class DemoPlatform implements AutoCloseable {
    static final long HOMEPAGE_SLOW_MILLIS = 3000;
    static final long API_SLOW_MILLIS = 1500;
    static final long MOBILE_SLOW_MILLIS = 1200;

    /*
     * Enough workers that injected delays (up to 3 s each) never hold up health checks running
     * alongside; bounded so a flood cannot spawn threads without limit.
     */
    private static final int WORKER_THREADS = 32;
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String JSON = "application/json; charset=utf-8";
    private static final String FAULT_PREFIX = "/demo/faults/";
    private static final String FAULT_ROUTE = FAULT_PREFIX + "{name}";
    private static final String UNMATCHED_ROUTE = "unmatched";
    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private record Request(String method, String path, HttpExchange exchange) {
        String header(String name) {
            String v = exchange.getRequestHeaders().getFirst(name);
            return v == null ? "" : v;
        }
    }

    private record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        static Response json(int status, Object value) {
            return new Response(status, JSON, Json.write(value).getBytes(StandardCharsets.UTF_8), Map.of());
        }

        static Response text(int status, String contentType, String body) {
            return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        Response withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Response(status, contentType, body, more);
        }
    }

    @FunctionalInterface
    private interface Handler {
        Response handle(Request request) throws IOException, InterruptedException;
    }

    /** Thrown by handlers for client mistakes that end in a 4xx with a message. */
    private static final class ClientError extends RuntimeException {
        final int status;

        ClientError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /**
     * Options for a platform with a business database or another clock; {@code new DemoPlatform(email,
     * password)} is {@code builder(email, password).build()}.
     */
    public static final class Builder {
        /** Activity filled in when a business database is opened: the monitor's 24-hour windows start full. */
        public static final Duration DEFAULT_BUSINESS_HISTORY = Duration.ofHours(24);

        private final String testAccountEmail;
        private final String testAccountPassword;
        private Clock clock = Clock.systemUTC();
        private Path businessDatabase;
        private Duration businessHistory = DEFAULT_BUSINESS_HISTORY;
        private Random random;

        private Builder(String testAccountEmail, String testAccountPassword) {
            this.testAccountEmail = testAccountEmail;
            this.testAccountPassword = testAccountPassword;
        }

        /** The clock business rows are stamped with (default {@link Clock#systemUTC()}): pass the monitor's. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Keep a business database in this SQLite file, created (with its directories and tables) when missing
         * and kept when present. Default: none.
         */
        public Builder businessDatabase(Path file) {
            this.businessDatabase = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * How much past activity to fill in when the business database opens (default
         * {@link #DEFAULT_BUSINESS_HISTORY}), never before the newest row a reopened file already has;
         * {@link Duration#ZERO} starts it empty.
         */
        public Builder businessHistory(Duration history) {
            if (history.isNegative()) {
                throw new IllegalArgumentException("business history must not be negative");
            }
            this.businessHistory = history;
            return this;
        }

        /** For tests: the random source of the simulated business activity. */
        Builder random(Random random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * @throws IllegalStateException when the business database cannot be created or opened
         */
        public DemoPlatform build() {
            return new DemoPlatform(this);
        }
    }

    private final Faults faults = new Faults();
    private final BusinessActivity business;
    private final Accounts accounts;
    private final DemoTraffic traffic = new DemoTraffic(faults, new Random());
    private final HostMetrics hostMetrics = new HostMetrics();
    private final Map<String, Map<String, Handler>> routes = new LinkedHashMap<>();
    private final AtomicLong orderIds = new AtomicLong(1);
    private HttpServer server;
    private ExecutorService workers;

    /** A platform without a business database, on the system clock. */
    public DemoPlatform(String testAccountEmail, String testAccountPassword) {
        this(builder(testAccountEmail, testAccountPassword));
    }

    public static Builder builder(String testAccountEmail, String testAccountPassword) {
        return new Builder(testAccountEmail, testAccountPassword);
    }

    private DemoPlatform(Builder options) {
        this.accounts = new Accounts(options.testAccountEmail, options.testAccountPassword);
        if (options.businessDatabase == null) {
            this.business = null;
        } else {
            ShopDatabase db = ShopDatabase.open(options.businessDatabase);
            this.business = new BusinessActivity(db, faults, options.clock,
                    options.random != null ? options.random : new Random());
            business.backfill(options.businessHistory);
        }

        route("GET", "/", this::homepage);
        route("GET", "/health", health(Fault.APP_DOWN, 503, "down", null, 0));
        route("GET", "/api/health", health(Fault.API_DOWN, 500, "error", Fault.API_SLOW, API_SLOW_MILLIS));
        route("GET", "/api/health/database", health(Fault.DATABASE_DOWN, 503, "down", null, 0));
        route("GET", "/api/health/providers", health(Fault.PROVIDERS_DEGRADED, 503, "degraded", null, 0));
        route("GET", "/api/health/payments", health(Fault.PAYMENTS_503, 503, "unavailable", null, 0));
        route("GET", "/api/health/notifications", health(null, 0, null, null, 0));
        route("GET", "/api/mobile/health", health(null, 0, null, Fault.MOBILE_SLOW, MOBILE_SLOW_MILLIS));
        route("POST", "/api/auth/register", this::register);
        route("POST", "/api/auth/signin", this::signIn);
        route("POST", "/api/orders", this::createOrder);
        route("GET", "/metrics",
                r -> Response.text(200, PromText.CONTENT_TYPE, traffic.exposition()));
        route("GET", "/node/metrics",
                r -> Response.text(200, PromText.CONTENT_TYPE, hostMetrics.exposition()));
        route("GET", "/demo/faults", r -> Response.json(200, Map.of("faults", faultList())));
        route("POST", FAULT_ROUTE, r -> switchFault(r, true));
        route("DELETE", FAULT_ROUTE, r -> switchFault(r, false));
    }

    public static void main(String[] args) {
        int port;
        try {
            port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
        } catch (NumberFormatException e) {
            System.err.println("usage: DemoPlatform [port] [bind-address]   (port defaults to 8081)");
            System.exit(2);
            return;
        }
        String bind = args.length > 1 ? args[1] : "127.0.0.1";
        String email = envOr("DEMO_ACCOUNT_EMAIL", "test@demo.local");
        String password = envOr("DEMO_ACCOUNT_PASSWORD", "demo-password");
        String businessDb = envOr("DEMO_BUSINESS_DB", "");
        DemoPlatform platform;
        try {
            Builder options = builder(email, password);
            if (!businessDb.isEmpty()) {
                options.businessDatabase(Path.of(businessDb));
            }
            platform = options.build().start(bind, port);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "demo-platform-shutdown"));
        System.out.println("Demo platform listening on http://" + bind + ":" + platform.port()
                + " (test account " + email + ")");
        if (platform.business != null) {
            System.out.println("Business database: " + platform.businessJdbcUrl());
        }
    }

    /** Starts on 127.0.0.1; port 0 picks a free one. */
    public DemoPlatform start(int port) {
        return start("127.0.0.1", port);
    }

    public synchronized DemoPlatform start(String bindAddress, int port) {
        if (server != null) {
            throw new IllegalStateException("already started on port " + port());
        }
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        workers = Executors.newFixedThreadPool(WORKER_THREADS, r -> {
            Thread t = new Thread(r, "demo-http-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        created.setExecutor(workers);
        created.createContext("/", this::dispatch);
        created.start();
        server = created;
        traffic.start();
        if (business != null) {
            business.start();
        }
        return this;
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** Loopback when listening on loopback or on all interfaces, so it always works from this machine. */
    public synchronized String baseUrl() {
        int port = port();
        InetAddress address = server.getAddress().getAddress();
        String host = address.isAnyLocalAddress() || address.isLoopbackAddress() ? "127.0.0.1"
                : address.getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The business database's JDBC URL ({@code jdbc:sqlite:} and the absolute file path), for the monitor's
     * business-metrics check; works before {@link #start(int)} too.
     *
     * @throws IllegalStateException when the platform was built without a business database
     */
    public String businessJdbcUrl() {
        if (business == null) {
            throw new IllegalStateException("built without a business database");
        }
        return business.database().jdbcUrl();
    }

    /** For tests: generates the background business activity of the window (from, to], as the ticks would. */
    void simulateBusiness(Instant from, Instant to) {
        if (business == null) {
            throw new IllegalStateException("built without a business database");
        }
        business.simulate(from, to);
    }

    /** Stops serving and the background activity; the business database file and its rows stay. */
    public synchronized void stop() {
        traffic.close();
        if (business != null) {
            business.stop();
        }
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (workers != null) {
            // Interrupts requests still sleeping in an injected delay.
            workers.shutdownNow();
            try {
                workers.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            workers = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * @throws IllegalArgumentException for a name that is not one of {@link Fault#ids()}
     */
    public void setFault(String name, boolean on) {
        Fault fault = Fault.byId(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown fault " + name + "; known: " + Fault.ids()));
        faults.set(fault, on);
    }

    public Set<String> activeFaults() {
        return faults.activeIds();
    }

    private void route(String method, String path, Handler handler) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
    }

    private void dispatch(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        String routePath = routePathFor(path);
        Response response;
        try {
            response = respond(new Request(method, path, exchange), routePath);
        } catch (ClientError e) {
            response = Response.json(e.status, Map.of("error", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = Response.json(503, Map.of("error", "shutting down"));
        } catch (RuntimeException | IOException e) {
            System.err.println("demo platform: " + method + " " + path + " failed: " + e);
            response = Response.json(500, Map.of("error", "internal error"));
        }
        try {
            send(exchange, method, response);
        } catch (IOException e) {
            // The client went away; nothing left to tell it.
        } finally {
            exchange.close();
            // Unknown methods share one label so arbitrary verbs cannot grow the series without bound.
            String methodLabel = KNOWN_METHODS.contains(method) ? method : "OTHER";
            traffic.recordReal(methodLabel, routePath, response.status(), (System.nanoTime() - started) / 1e9);
        }
    }

    private String routePathFor(String path) {
        if (routes.containsKey(path)) {
            return path;
        }
        if (path.startsWith(FAULT_PREFIX) && path.length() > FAULT_PREFIX.length()
                && path.indexOf('/', FAULT_PREFIX.length()) < 0) {
            return FAULT_ROUTE;
        }
        return UNMATCHED_ROUTE;
    }

    private Response respond(Request request, String routePath) throws IOException, InterruptedException {
        Map<String, Handler> byMethod = routes.get(routePath);
        if (byMethod == null) {
            throw new ClientError(404, "no such path: " + request.path());
        }
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        Handler handler = byMethod.get(method);
        if (handler == null) {
            List<String> allowed = new ArrayList<>(byMethod.keySet());
            if (allowed.contains("GET")) {
                allowed.add("HEAD");
            }
            return Response.json(405, Map.of("error", "method not allowed", "allowed", allowed))
                    .withHeader("Allow", String.join(", ", allowed));
        }
        return handler.handle(request);
    }

    private static void send(HttpExchange exchange, String method, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        response.headers().forEach(exchange.getResponseHeaders()::set);
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    // ---- handlers ----

    private Response homepage(Request request) throws InterruptedException {
        if (faults.isOn(Fault.HOMEPAGE_SLOW)) {
            Thread.sleep(HOMEPAGE_SLOW_MILLIS);
        }
        String html = """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>Demo Platform</title></head>
                <body>
                <h1>Demo Platform</h1>
                <p>A stand-in marketplace for Release Watch to monitor.</p>
                <ul>
                <li><a href="/health">/health</a></li>
                <li><a href="/api/health">/api/health</a></li>
                <li><a href="/metrics">/metrics</a></li>
                <li><a href="/node/metrics">/node/metrics</a></li>
                <li><a href="/demo/faults">/demo/faults</a></li>
                </ul>
                </body>
                </html>
                """;
        return Response.text(200, "text/html; charset=utf-8", html);
    }

    private Handler health(Fault downFault, int downStatus, String downState, Fault slowFault, long slowMillis) {
        return request -> {
            if (slowFault != null && faults.isOn(slowFault)) {
                Thread.sleep(slowMillis);
            }
            if (downFault != null && faults.isOn(downFault)) {
                return Response.json(downStatus, Map.of("status", downState));
            }
            return Response.json(200, Map.of("status", "ok"));
        };
    }

    private Response register(Request request) throws IOException {
        String text = readBody(request);
        if (faults.isOn(Fault.REGISTRATION_BROKEN)) {
            return Response.json(500, Map.of("error", "registration failed"));
        }
        if (faults.isOn(Fault.NO_REGISTRATIONS)) {
            return Response.json(503, Map.of("error", "registrations are paused"));
        }
        Map<String, String> body = parseJson(text);
        for (String field : List.of("email", "password", "first_name", "last_name")) {
            String value = body.get(field);
            if (value == null || value.isBlank()) {
                return Response.json(400, Map.of("error", "missing field: " + field));
            }
        }
        String email = body.get("email").trim();
        if (!Accounts.isValidEmail(email)) {
            return Response.json(400, Map.of("error", "invalid email address"));
        }
        Optional<Accounts.User> user = accounts.register(email, body.get("password"));
        if (user.isEmpty()) {
            return Response.json(409, Map.of("error", "email already registered"));
        }
        if (business != null) {
            business.register(user.get().email());
        }
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("id", user.get().id());
        created.put("email", user.get().email());
        return Response.json(201, created);
    }

    private Response signIn(Request request) throws IOException {
        String text = readBody(request);
        if (faults.isOn(Fault.SIGNIN_BROKEN)) {
            return Response.json(503, Map.of("error", "sign-in temporarily unavailable"));
        }
        Map<String, String> body = parseJson(text);
        String email = body.get("email");
        String password = body.get("password");
        if (email == null || password == null) {
            return Response.json(401, Map.of("error", "invalid credentials"));
        }
        Optional<String> signedIn = accounts.signIn(email, password);
        if (signedIn.isPresent() && business != null) {
            business.login(email.trim().toLowerCase(Locale.ROOT));
        }
        return signedIn
                .map(token -> {
                    Map<String, Object> ok = new LinkedHashMap<>();
                    ok.put("access_token", token);
                    ok.put("token_type", "bearer");
                    return Response.json(200, ok);
                })
                .orElseGet(() -> Response.json(401, Map.of("error", "invalid credentials")));
    }

    /**
     * With a business database the order and its payment are stored (amount_cents from the body, else a
     * random one) and the answer says how the payment went; a failed payment is still a 201, as the order
     * exists, with status payment_failed.
     */
    private Response createOrder(Request request) throws IOException {
        String text = readBody(request);
        String auth = request.header("Authorization");
        String token = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : "";
        Optional<String> owner = accounts.tokenOwner(token);
        if (owner.isEmpty()) {
            return Response.json(401, Map.of("error", "a valid bearer token is required"))
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        Map<String, Object> created = new LinkedHashMap<>();
        if (business == null) {
            // Nothing is stored, so the body is not read either.
            created.put("id", orderIds.getAndIncrement());
            created.put("status", "created");
            return Response.json(201, created);
        }
        Long amountCents = amountCents(text.isBlank() ? Map.of() : parseJson(text));
        BusinessActivity.PlacedOrder order = business.placeOrder(owner.get(), amountCents);
        created.put("id", order.id());
        created.put("status", order.status());
        created.put("amount_cents", order.amountCents());
        created.put("payment_status", order.paymentStatus());
        return Response.json(201, created);
    }

    /** The optional amount_cents of an order body: a whole number from 1 to 10 000 000. */
    private static Long amountCents(Map<String, String> body) {
        String value = body.get("amount_cents");
        if (value == null) {
            return null;
        }
        try {
            long cents = Long.parseLong(value.trim());
            if (cents >= 1 && cents <= BusinessActivity.MAX_AMOUNT_CENTS) {
                return cents;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ClientError(400, "amount_cents must be a whole number from 1 to " + BusinessActivity.MAX_AMOUNT_CENTS);
    }

    private Response switchFault(Request request, boolean on) {
        String name = request.path().substring(FAULT_PREFIX.length());
        Optional<Fault> fault = Fault.byId(name);
        if (fault.isEmpty()) {
            Map<String, Object> unknown = new LinkedHashMap<>();
            unknown.put("error", "unknown fault: " + name);
            unknown.put("known", Fault.ids());
            return Response.json(404, unknown);
        }
        faults.set(fault.get(), on);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", fault.get().id());
        state.put("active", on);
        return Response.json(200, state);
    }

    private List<Map<String, Object>> faultList() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Fault f : Fault.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", f.id());
            entry.put("active", faults.isOn(f));
            entry.put("description", f.description());
            list.add(entry);
        }
        return list;
    }

    // ---- request bodies ----

    private static Map<String, String> parseJson(String text) {
        try {
            return Json.parseFlatObject(text);
        } catch (IllegalArgumentException e) {
            throw new ClientError(400, e.getMessage());
        }
    }

    /** Always read in full (up to the cap) so the connection can be reused for the next request. */
    private static String readBody(Request request) throws IOException {
        try (InputStream in = request.exchange().getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ClientError(413, "request body over " + MAX_BODY_BYTES + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
