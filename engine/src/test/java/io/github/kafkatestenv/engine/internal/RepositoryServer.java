package io.github.kafkatestenv.engine.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Maven repository on 127.0.0.1 that serves, under {@code /maven2/}, the files of a local repository (the build's
 * own, so tests need no network), and records every request line as it came: a request sent to it as an HTTP proxy
 * has an absolute URI ({@code GET http://host/maven2/... HTTP/1.1}). With credentials set, it demands Basic
 * authentication, as a private repository does.
 */
final class RepositoryServer implements AutoCloseable {

    private static final String PREFIX = "/maven2/";

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final Path files;
    private final String expectedAuthorization;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private RepositoryServer(Path files, String username, String password) throws IOException {
        this.files = files;
        this.expectedAuthorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** Serves {@code files} to anyone. */
    static RepositoryServer serving(Path files) throws IOException {
        return new RepositoryServer(files, null, null);
    }

    /** Serves {@code files} only to requests that log in as {@code username} with {@code password}. */
    static RepositoryServer withLogin(Path files, String username, String password) throws IOException {
        return new RepositoryServer(files, username, password);
    }

    /** The repository's URL, as a mirror in settings.xml names it. */
    String url() {
        return "http://127.0.0.1:" + port() + "/maven2";
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Every request so far, as {@code METHOD URI} with the URI as the client sent it. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            if (expectedAuthorization != null
                    && !expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"kafka-testenv test\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Path file = path.startsWith(PREFIX) && !path.contains("..") ? files.resolve(path.substring(PREFIX.length()))
                    : null;
            if (file == null || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : Files.size(file));
            if (!head) {
                try (OutputStream body = exchange.getResponseBody()) {
                    Files.copy(file, body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
