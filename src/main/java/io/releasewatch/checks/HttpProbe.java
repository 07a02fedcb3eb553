package io.releasewatch.checks;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one HTTP client all checks share. Requests are asynchronous, so a run can probe many targets at once
 * and a dead target costs a timer, not a thread. Unlike camel-http's default pool (20 connections per
 * host), the JDK client does not cap connections per host, which matters at hundreds of endpoints on one host.
 */
public final class HttpProbe {
    private final HttpClient client;
    private final Duration readTimeout;
    private final Duration connectTimeout;

    public HttpProbe(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public CompletableFuture<ProbeResult> get(URI url) {
        return send(HttpRequest.newBuilder(url).GET(), url);
    }

    public CompletableFuture<ProbeResult> postJson(URI url, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return send(b, url);
    }

    private CompletableFuture<ProbeResult> send(HttpRequest.Builder builder, URI url) {
        HttpRequest request = builder.timeout(readTimeout).header("User-Agent", "release-watch").build();
        long start = System.nanoTime();
        // The request timeout covers the wait for headers; the outer bound also covers a body that trickles.
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .orTimeout(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                    if (failure == null) {
                        return new ProbeResult(url, response.statusCode(), elapsed, null, response.body());
                    }
                    return new ProbeResult(url, ProbeResult.NO_RESPONSE, elapsed, describe(failure), "");
                });
    }

    private String describe(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof HttpConnectTimeoutException) return "connect timeout after " + connectTimeout.toMillis() + " ms";
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException) return "read timeout after " + readTimeout.toMillis() + " ms";
        if (t instanceof ConnectException) return "connection refused";
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
