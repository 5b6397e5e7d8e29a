package io.credmark.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Another site on another loopback port, so another origin: it serves the publisher's pages and the stamped images,
 * and the pages load the component from the service. Its pages carry a strict Content-Security-Policy of their own,
 * as a careful publisher's would: scripts from itself and the service only, no inline style, connections to itself
 * and the service only.
 */
final class PublisherSite implements AutoCloseable {

    private record File(String type, byte[] bytes) {
    }

    private final HttpServer server;
    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final String service;
    /** Other origins the pages may load images from and connect to, e.g. an image host. */
    private volatile String others = "";

    PublisherSite(String service) {
        this.service = service;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            File f = files.get(exchange.getRequestURI().getPath());
            if (f == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", f.type());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (f.type().startsWith("text/html")) {
                exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; script-src 'self' "
                        + service + "; connect-src 'self' " + service + others + "; img-src 'self'" + others
                        + "; style-src 'self'");
            }
            exchange.sendResponseHeaders(200, f.bytes().length);
            exchange.getResponseBody().write(f.bytes());
            exchange.close();
        });
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Lets the pages load images from, and connect to, another origin too. */
    void allow(String origin) {
        others = others + " " + origin;
    }

    void put(String path, String type, byte[] bytes) {
        files.put(path, new File(type, bytes));
    }

    /** A page that loads the component from the service; {@code body} is written as it is. */
    String page(String path, String title, String body) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title><script src=\"" + service + "/static/credmark.js\" defer></script>"
                + "<link rel=\"stylesheet\" href=\"/page.css\"></head><body>" + body + "</body></html>";
        put(path, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        put("/page.css", "text/css", ("body{margin:24px;font:16px/1.5 sans-serif;background:#fafafa;color:#222}"
                + "h1{font-size:20px;margin:0 0 12px}p{margin:0 0 12px;max-width:40rem}"
                + ".w360{width:360px}.w560{width:560px}.w1000{width:1000px}").getBytes(StandardCharsets.UTF_8));
        return origin() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
