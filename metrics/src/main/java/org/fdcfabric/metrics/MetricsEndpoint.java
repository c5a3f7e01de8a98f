package org.fdcfabric.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves one Prometheus registry on {@code GET /metrics}: the Prometheus text format (0.0.4), or OpenMetrics
 * 1.0 when the scraper asks for it in {@code Accept}. A long-running service also answers its {@link HealthProbes}
 * on {@code /healthz} and {@code /readyz} (200 or 503). Any other path is 404, any other method 405. One daemon
 * thread answers: a scrape every few seconds needs no more, and a slow scraper cannot hold the process's own
 * threads.
 */
public final class MetricsEndpoint implements AutoCloseable {
    public static final String PATH = "/metrics";
    public static final String HEALTH_PATH = "/healthz";
    public static final String READY_PATH = "/readyz";
    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI uri;

    private MetricsEndpoint(HttpServer server, ExecutorService executor, URI uri) {
        this.server = server;
        this.executor = executor;
        this.uri = uri;
    }

    /** Binds {@code binding} and starts serving {@code registry}; throws when the port is taken. */
    public static MetricsEndpoint start(MetricsBinding binding, PrometheusMeterRegistry registry) throws IOException {
        return start(binding, registry, null);
    }

    /** As {@link #start(MetricsBinding, PrometheusMeterRegistry)}, also answering {@code probes}. */
    public static MetricsEndpoint start(MetricsBinding binding, PrometheusMeterRegistry registry, HealthProbes probes)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(binding.host(), binding.port()), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fdc-metrics-" + binding.port());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, registry, probes));
        server.start();
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return new MetricsEndpoint(server, executor, URI.create("http://" + host + ":" + bound.getPort() + PATH));
    }

    /** The scrape URL, e.g. {@code http://127.0.0.1:9464/metrics}. */
    public URI uri() {
        return uri;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, PrometheusMeterRegistry registry, HealthProbes probes)
            throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (probes != null && (HEALTH_PATH.equals(path) || READY_PATH.equals(path))) {
                boolean ok = HEALTH_PATH.equals(path)
                        ? probes.live().getAsBoolean()
                        : probes.ready().getAsBoolean();
                reply(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not ready\n");
                return;
            }
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                reply(exchange, 404, "text/plain; charset=utf-8", "not found: metrics are at " + PATH + "\n");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
                return;
            }
            String accept = exchange.getRequestHeaders().getFirst("Accept");
            String contentType =
                    accept != null && accept.contains("application/openmetrics-text") ? OPEN_METRICS : TEXT;
            byte[] body = registry.scrape(contentType).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
