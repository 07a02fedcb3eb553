package io.releasewatch.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Slack's incoming webhook: records every JSON body it receives and answers with
 * scripted responses (e.g. 500, then 429 with Retry-After, then 200) so delivery paths can be tested.
 */
public final class SlackReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Long> receivedAtNanos = new CopyOnWriteArrayList<>();
    private final Deque<int[]> script = new ArrayDeque<>();
    private volatile int attempts;

    public SlackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/services/T000/B000/secret-token", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int[] answer;
            synchronized (script) {
                attempts++;
                answer = script.isEmpty() ? new int[] {200, 0} : script.poll();
            }
            if (answer[0] == 200) {
                received.add(body);
                receivedAtNanos.add(System.nanoTime());
            }
            if (answer[1] > 0) exchange.getResponseHeaders().add("Retry-After", String.valueOf(answer[1]));
            byte[] out = (answer[0] == 200 ? "ok" : "error").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer[0], out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    /** The webhook URL, with a path that looks like Slack's secret one so leaks are easy to grep for. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/secret-token";
    }

    /** Answer the next requests with these statuses; retryAfterSeconds applies to 429 answers. */
    public void answerNext(int status, int retryAfterSeconds) {
        synchronized (script) {
            script.add(new int[] {status, retryAfterSeconds});
        }
    }

    public List<String> received() {
        return List.copyOf(received);
    }

    public List<Long> receivedAtNanos() {
        return List.copyOf(receivedAtNanos);
    }

    public int attempts() {
        return attempts;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
