package io.releasewatch.alerting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts a message to the Slack incoming webhook. The URL is a secret: it stays inside this object and never
 * appears in an endpoint URI (which JMX and logs show) or in an error message.
 */
public final class SlackWebhook {
    private final Optional<URI> url;
    private final HttpClient client;
    private final Duration timeout;

    public SlackWebhook(Optional<URI> url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        // HTTP/1.1: an h2c upgrade attempt on plain-http receivers (proxies, local stand-ins) only adds a failure mode.
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public boolean enabled() {
        return url.isPresent();
    }

    public void post(String json) throws IOException, InterruptedException {
        if (url.isEmpty()) return;
        HttpRequest req = HttpRequest.newBuilder(url.get()).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> resp;
        try {
            resp = client.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("Slack webhook unreachable: " + e.getClass().getSimpleName());
        }
        if (resp.statusCode() / 100 != 2) {
            throw new SlackDeliveryException(resp.statusCode(), resp.headers().firstValue("Retry-After").orElse(null),
                    truncate(resp.body()));
        }
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) : s;
    }

    @Override
    public String toString() {
        return "SlackWebhook[" + (url.isPresent() ? "configured" : "off") + "]";
    }

    /** Slack answered, but not with success; carries what Slack said, never the URL. */
    public static final class SlackDeliveryException extends IOException {
        private final int status;
        private final String retryAfter;

        public SlackDeliveryException(int status, String retryAfter, String body) {
            super("Slack webhook answered HTTP " + status + (body.isEmpty() ? "" : ": " + body));
            this.status = status;
            this.retryAfter = retryAfter;
        }

        public int status() {
            return status;
        }

        public String retryAfter() {
            return retryAfter;
        }
    }
}
