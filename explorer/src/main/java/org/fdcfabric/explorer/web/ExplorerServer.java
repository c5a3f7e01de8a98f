package org.fdcfabric.explorer.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.fdcfabric.auditor.ChainReadException;
import org.fdcfabric.explorer.chain.BlockRows;
import org.fdcfabric.explorer.chain.ChainSource;

/**
 * The explorer's HTTP(S) server on the JDK's {@code HttpServer}. Every page is a GET with a stable URL; the one
 * POST checks a pasted Merkle proof and writes nothing. New blocks reach open pages over server-sent events from
 * the channels' block event streams. Pages are sent with a Content-Security-Policy that allows only this origin's
 * scripts and styles, so markup that came from the chain could not run even if it escaped the templates.
 */
public final class ExplorerServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExplorerServer.class.getName());
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final int MAX_FORM_BYTES = DatasetPages.MAX_PROOF_CHARS * 4 + 1024;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Templates templates;
    private final Assets assets;
    private final LiveFeed feed = new LiveFeed();
    private final List<AutoCloseable> followers = new ArrayList<>();
    private final NetworkPages network;
    private final DatasetPages datasets;
    private final RequestPages requests;
    private final JobPages jobs;
    private final TokenPages tokens;
    private final AuditPages audit;
    private final Search search;
    private volatile boolean closed;

    private ExplorerServer(HttpServer server, ExecutorService executor, ChainSource chain, String identity) {
        this.server = server;
        this.executor = executor;
        this.assets = new Assets();
        this.templates = new Templates(Map.of("identity", identity, "chartJs", assets.chartJsPath()));
        this.network = new NetworkPages(chain);
        this.datasets = new DatasetPages(chain);
        this.requests = new RequestPages(chain);
        this.jobs = new JobPages(chain);
        this.tokens = new TokenPages(chain);
        this.audit = new AuditPages(chain);
        this.search = new Search(chain, datasets, jobs, network);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    /**
     * Starts serving {@code chain} on {@code host:port} (0 picks a free port), over TLS when {@code tls} is given, and
     * follows every channel's new blocks for the live updates.
     *
     * @param identity who the explorer reads as, shown on every page
     */
    public static ExplorerServer start(
            ChainSource chain, String identity, String host, int port, Optional<SSLContext> tls) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        HttpServer server;
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
            server = https;
        } else {
            server = HttpServer.create(address, 0);
        }
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "explorer-http");
            thread.setDaemon(true);
            return thread;
        });
        ExplorerServer explorer = new ExplorerServer(server, executor, chain, identity);
        for (String channel : chain.channels()) {
            long height = chain.chainInfo(channel).getHeight();
            explorer.followers.add(chain.followBlocks(
                    channel, height, (name, block) -> explorer.feed.publish(BlockRows.of(name, block))));
        }
        server.start();
        return explorer;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How many pages are listening for live updates. */
    public int liveStreams() {
        return feed.openStreams();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            if (path.equals("/events") && method.equals("GET")) {
                stream(exchange);
                return;
            }
            if (path.startsWith("/static/") || path.startsWith("/webjars/")) {
                Optional<Assets.Asset> asset = assets.find(path);
                if (asset.isPresent()) {
                    send(exchange, 200, asset.get().contentType(), asset.get().bytes(), true);
                } else {
                    render(exchange, View.notFound(path));
                }
                return;
            }
            if (method.equals("POST")) {
                post(exchange, segments(path));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD, POST");
                send(exchange, 405, "text/plain; charset=utf-8", bytes("METHOD_NOT_ALLOWED: " + method), false);
                return;
            }
            if (path.equals("/search")) {
                Optional<String> target = search.resolve(query.getOrDefault("q", ""));
                if (target.isPresent()) {
                    exchange.getResponseHeaders().set("Location", target.get());
                    send(exchange, 303, "text/plain; charset=utf-8", bytes(target.get()), false);
                } else {
                    render(exchange, new View("not-found", Map.of("what", query.getOrDefault("q", "")), 404));
                }
                return;
            }
            render(exchange, page(segments(path), query));
        } catch (ChainReadException e) {
            LOG.log(Level.FINE, "chain read failed", e);
            render(exchange, new View("error", Map.of("message", "CHAIN_UNREADABLE: " + e.getMessage()), 502));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "explorer page failed", e);
            render(exchange, new View("error", Map.of("message", "INTERNAL: " + e), 500));
        }
    }

    private View page(List<String> segments, Map<String, String> query) {
        int n = segments.size();
        String first = n == 0 ? "" : segments.get(0);
        return switch (first) {
            case "" -> network.network();
            case "blocks" ->
                n == 3 && segments.get(2).matches("\\d{1,18}")
                        ? network.block(segments.get(1), Long.parseLong(segments.get(2)))
                        : View.notFound("block " + String.join("/", segments));
            case "tx" -> n == 2 ? network.transaction(segments.get(1)) : View.notFound("transaction");
            case "datasets" ->
                n == 1 ? datasets.catalogue() : n == 2 ? datasets.dataset(segments.get(1)) : none(segments);
            case "requests" -> n == 1 ? requests.passes() : n == 2 ? requests.request(segments.get(1)) : none(segments);
            case "passes" -> n == 2 ? requests.pass(segments.get(1)) : none(segments);
            case "jobs" -> n == 1 ? jobs.jobs() : n == 2 ? jobs.job(segments.get(1)) : none(segments);
            case "tokens" -> n == 1 ? tokens.tokens() : none(segments);
            case "audit" ->
                n == 1
                        ? audit.audit()
                        : n == 2 && segments.get(1).equals("trail")
                                ? audit.trail(query.getOrDefault("subject", ""))
                                : none(segments);
            default -> none(segments);
        };
    }

    private static View none(List<String> segments) {
        return View.notFound("/" + String.join("/", segments));
    }

    private void post(HttpExchange exchange, List<String> segments) throws IOException {
        if (segments.size() != 3
                || !segments.get(0).equals("datasets")
                || !segments.get(2).equals("proof")) {
            render(exchange, none(segments));
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_FORM_BYTES + 1);
        }
        if (body.length > MAX_FORM_BYTES) {
            render(exchange, new View("error", Map.of("message", "PROOF_TOO_LARGE: the form is too large"), 413));
            return;
        }
        Map<String, String> form = query(new String(body, StandardCharsets.US_ASCII));
        render(exchange, datasets.checkProof(segments.get(1), form.getOrDefault("proof", "")));
    }

    /** Server-sent events: one {@code block} event per committed block, and a comment now and then to find gone clients. */
    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        BlockingQueue<String> queue = feed.open();
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes(": connected\n\n"));
            out.flush();
            while (!closed) {
                String data = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                out.write(bytes(data == null ? ": keep-alive\n\n" : "event: block\ndata: " + data + "\n\n"));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the page went away
        } finally {
            feed.close(queue);
        }
    }

    private void render(HttpExchange exchange, View view) throws IOException {
        send(exchange, view.status(), "text/html; charset=utf-8", bytes(templates.render(view)), false);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, boolean cacheable)
            throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", cacheable ? "max-age=3600" : "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    /** {@code application/x-www-form-urlencoded} pairs (a query string or a form body); the last value wins. */
    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable follower : followers) {
            try {
                follower.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a block follower failed", e);
            }
        }
        server.stop(0);
        executor.shutdownNow();
    }
}
