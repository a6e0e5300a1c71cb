package dev.stepwise.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The console's static files, served from the jar's {@code console/} resources at {@code /console/}
 * (HTML, ES modules, CSS and the layout library copied from npm at build time). Only GET and HEAD
 * read them; the console itself talks to the API at {@code POST /} like any other client.
 */
final class ConsoleFiles {
    static final String PATH = "/console";
    private static final String RESOURCES = "/console/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self' http: https:; object-src 'none'; base-uri 'none'";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "json", "application/json",
            "txt", "text/plain; charset=utf-8");

    private ConsoleFiles() {
    }

    static void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
                // The server matches contexts by prefix: "/consoles" is not the console.
                send(exchange, 404, "text/plain; charset=utf-8", "Not found: " + path);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "The console is read with GET; the API is POST /");
                return;
            }
            if (path.equals(PATH)) {
                // Relative module and style URLs in index.html resolve against the directory.
                exchange.getResponseHeaders().set("Location", PATH + "/");
                send(exchange, 301, "text/plain; charset=utf-8", "");
                return;
            }
            String file = path.substring(PATH.length() + 1);
            if (file.isEmpty()) {
                file = "index.html";
            }
            String type = CONTENT_TYPES.get(extension(file));
            byte[] body = type == null || file.contains("..") || file.contains("//") ? null : read(file);
            if (body == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not found: " + path);
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            // Scripts from this origin only; the API base URL may be another origin. Styles may also
            // be inline: the editor (CodeMirror) writes its own style element and style attributes.
            exchange.getResponseHeaders().set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            send(exchange, 200, type, body);
        }
    }

    private static String extension(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? "" : file.substring(dot + 1);
    }

    private static byte[] read(String file) throws IOException {
        try (InputStream in = ConsoleFiles.class.getResourceAsStream(RESOURCES + file)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        send(exchange, status, type, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
