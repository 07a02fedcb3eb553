package io.releasewatch.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private final Faults faults = new Faults();
    private final Accounts accounts;
    private final DemoTraffic traffic = new DemoTraffic(faults, new Random());
    private final HostMetrics hostMetrics = new HostMetrics();
    private final Map<String, Map<String, Handler>> routes = new LinkedHashMap<>();
    private final AtomicLong orderIds = new AtomicLong(1);
    private HttpServer server;
    private ExecutorService workers;

    public DemoPlatform(String testAccountEmail, String testAccountPassword) {
        this.accounts = new Accounts(testAccountEmail, testAccountPassword);

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
        DemoPlatform platform;
        try {
            platform = new DemoPlatform(email, password).start(bind, port);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "demo-platform-shutdown"));
        System.out.println("Demo platform listening on http://" + bind + ":" + platform.port()
                + " (test account " + email + ")");
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

    public synchronized void stop() {
        traffic.close();
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
        return accounts.signIn(email, password)
                .map(token -> {
                    Map<String, Object> ok = new LinkedHashMap<>();
                    ok.put("access_token", token);
                    ok.put("token_type", "bearer");
                    return Response.json(200, ok);
                })
                .orElseGet(() -> Response.json(401, Map.of("error", "invalid credentials")));
    }

    private Response createOrder(Request request) throws IOException {
        readBody(request);
        String auth = request.header("Authorization");
        String token = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : "";
        if (accounts.tokenOwner(token).isEmpty()) {
            return Response.json(401, Map.of("error", "a valid bearer token is required"))
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("id", orderIds.getAndIncrement());
        created.put("status", "created");
        return Response.json(201, created);
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
