package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small HTTP client for the API tests: real requests over loopback. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static final String BOUNDARY = "test-boundary-5f0c2a9e";

    /** One part of a multipart body. */
    record Part(String name, String fileName, String contentType, byte[] content) {
        static Part file(String name, String fileName, String contentType, byte[] content) {
            return new Part(name, fileName, contentType, content);
        }

        static Part json(String name, String json) {
            return new Part(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        static Part json(String name, byte[] json) {
            return new Part(name, null, "application/json", json);
        }
    }

    /** An answer, with its body kept as bytes. */
    record Answer(int status, java.net.http.HttpHeaders headers, byte[] body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + text(), e);
            }
        }

        @Override
        public String toString() {
            String t = text();
            return "HTTP " + status + " " + contentType() + " " + (t.length() > 300 ? t.substring(0, 300) : t);
        }
    }

    private final String base;

    ApiClient(String base) {
        this.base = base;
    }

    Answer get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    Answer send(String method, String path, byte[] body, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Answer postRaw(String path, String contentType, byte[] body, String... headers) {
        List<String> h = new ArrayList<>(List.of(headers));
        if (contentType != null) {
            h.addAll(List.of("Content-Type", contentType));
        }
        return send(request(path, h.toArray(String[]::new)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /**
     * Sends only the head of a POST that declares {@code contentLength} bytes and asks {@code Expect: 100-continue},
     * as curl does for large uploads, and returns what the server answers before any of the body is sent. (Over a
     * plain socket: the JDK 17 client does not return a final answer to an expect-continue request.)
     */
    Answer headOnly(String path, String contentType, long contentLength) {
        URI uri = URI.create(base + path);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + contentLength
                    + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.InputStream in = socket.getInputStream();
            ByteArrayOutputStream headers = new ByteArrayOutputStream();
            while (!headers.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed before the answer's head");
                }
                headers.write(b);
            }
            String[] lines = headers.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, List<String>> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                map.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(map.getOrDefault("Content-Length", List.of("0")).get(0));
            byte[] body = in.readNBytes(length);
            return new Answer(status, java.net.http.HttpHeaders.of(map, (a, b) -> true), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the body without a Content-Length (chunked), as a streaming client would. */
    Answer postChunked(String path, String contentType, byte[] body) {
        return send(request(path, "Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body))).build());
    }

    Answer postMultipart(String path, List<Part> parts, String... headers) {
        List<String> h = new ArrayList<>(List.of(headers));
        h.addAll(List.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY));
        return send(request(path, h.toArray(String[]::new))
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(parts))).build());
    }

    Answer stamp(String key, byte[] image, String mediaType, String provenance, String... headers) {
        List<String> h = new ArrayList<>(List.of(headers));
        if (key != null) {
            h.addAll(List.of("Authorization", "Bearer " + key));
        }
        return postMultipart("/v1/stamp", List.of(Part.file("image", "input." + (mediaType.endsWith("png") ? "png"
                : "jpg"), mediaType, image), Part.json("provenance", provenance)), h.toArray(String[]::new));
    }

    static byte[] multipart(List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder head = new StringBuilder("--").append(BOUNDARY).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(p.name()).append('"');
            if (p.fileName() != null) {
                head.append("; filename=\"").append(p.fileName()).append('"');
            }
            head.append("\r\n");
            if (p.contentType() != null) {
                head.append("Content-Type: ").append(p.contentType()).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r;
            try {
                r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException stale) {
                // After an answer with "Connection: close" the JDK client may still hand the next request to the
                // pooled connection the server is closing; it then sees no bytes at all. That is the client's
                // race, not an answer from the service: send once more on a fresh connection.
                if (!String.valueOf(stale.getMessage()).contains("received no bytes")) {
                    throw stale;
                }
                r = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
            return new Answer(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
