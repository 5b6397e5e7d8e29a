package io.credmark.http;

import static io.credmark.http.ApiContract.image;
import static io.credmark.http.ApiContract.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.http.ApiClient.Answer;
import io.credmark.store.Database;
import io.credmark.store.UsageRepository;
import io.credmark.testing.TestDatabase;
import io.credmark.usage.WebhookDelivery;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes on one PostgreSQL database: usage counted by both adds up, with nothing lost or counted twice, and
 * webhook deliveries queued while the receiver is down reach it exactly once after a node restarts, though two nodes
 * deliver from the same outbox.
 */
class UsageClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "heron-webhook-secret-5521";

    /** Nodes on one database share the key that seals private values there (docs/service.md). */
    private static String sharedStoreKey(Path dir) throws IOException {
        Path key = dir.resolve("shared-store.key");
        if (!Files.exists(key)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.writeString(key, HexFormat.of().formatHex(bytes));
        }
        return key.toString();
    }

    @Test
    void twoNodesCountingIntoOneDatabaseLoseAndDoubleNothing(@TempDir Path dir) throws Exception {
        try (TestDatabase.Provisioned db = TestDatabase.POSTGRES.provision(dir)) {
            Map<String, String> settings = Map.of("usage.flushSeconds", "1", "store.key", sharedStoreKey(dir));
            TestService a = TestService.start(dir.resolve("a"), db.url(), settings);
            TestService b = TestService.start(dir.resolve("b"), db.url(), settings);
            String id;
            int perThread = 60;
            int threads = 3;
            try {
                Answer stamped = a.client().stamp(a.createStampKey(), image("rgb8.png"), "image/png",
                        UsageContract.provenance("cluster.heron", "Heron"), "Accept", "application/json");
                assertEquals(200, stamped.status(), stamped.toString());
                id = stamped.json().get("id").asText();
                ExecutorService pool = Executors.newFixedThreadPool(2 * threads);
                List<Future<Integer>> done = new ArrayList<>();
                for (TestService node : List.of(a, b)) {
                    for (int t = 0; t < threads; t++) {
                        done.add(pool.submit(() -> {
                            int ok = 0;
                            for (int i = 0; i < perThread; i++) {
                                ok += node.client().get("/c/" + id).status() == 200 ? 1 : 0;
                            }
                            return ok;
                        }));
                    }
                }
                int served = 0;
                for (Future<Integer> f : done) {
                    served += f.get(120, TimeUnit.SECONDS);
                }
                pool.shutdown();
                assertEquals(2 * threads * perThread, served);
            } finally {
                a.close();
                b.close();
            }
            try (Database check = Database.open(db.url(), 2)) {
                LocalDate today = LocalDate.now(ZoneOffset.UTC);
                long views = new UsageRepository(check).byCreator("cluster.heron", today.minusDays(1), today,
                        Optional.empty()).stream().filter(f -> f.event().equals("page-view"))
                        .mapToLong(UsageRepository.Figure::count).sum();
                assertEquals(2L * threads * perThread, views, "every page view counted once, from both nodes");
            }
        }
    }

    @Test
    void reportsQueuedWhileTheReceiverIsDownArriveExactlyOnceAfterARestart(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> settings = Map.of("webhooks.allowInsecure", "true", "webhooks.retrySeconds", "1",
                "webhooks.pollSeconds", "1", "store.key", sharedStoreKey(dir));
        Set<String> filed = new HashSet<>();
        try (TestDatabase.Provisioned db = TestDatabase.POSTGRES.provision(dir)) {
            TestService first = TestService.start(dir.resolve("a"), db.url(), settings);
            String token;
            String id;
            try {
                ApiClient api = first.client();
                token = api.postRaw("/v1/creators", "application/json", utf8("{\"handle\":\"hook.heron\"}"),
                        "Authorization", "Bearer " + first.adminKey).json().get("token").asText();
                id = api.stamp(first.createStampKey(), image("rgb8.png"), "image/png",
                        UsageContract.provenance("hook.heron", "Heron"), "Accept", "application/json").json()
                        .get("id").asText();
                Answer hook = api.send("PUT", "/v1/creators/hook.heron/webhook", utf8("{\"url\":\"http://127.0.0.1:"
                        + port + "/hook\",\"secret\":\"" + SECRET + "\"}"), "Authorization", "Bearer " + token,
                        "Content-Type", "application/json");
                assertEquals(200, hook.status(), hook.toString());
                for (int i = 0; i < 6; i++) {
                    filed.add(report(api, id, "down " + i));
                }
                Thread.sleep(2500);
                JsonNode pending = api.get("/v1/creators/hook.heron/webhook", "Authorization", "Bearer " + token)
                        .json();
                assertTrue(pending.get("pendingDeliveries").asInt() >= 6, pending.toString());
            } finally {
                first.close();
            }

            Receiver receiver = Receiver.start(port);
            TestService a = TestService.start(dir.resolve("a"), db.url(), settings);
            TestService b = TestService.start(dir.resolve("b"), db.url(), settings);
            try {
                for (int i = 0; i < 4; i++) {
                    filed.add(report((i % 2 == 0 ? a : b).client(), id, "up " + i));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!receiver.reportIds().containsAll(filed) && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Thread.sleep(2500);
                assertEquals(filed, receiver.reportIds(), "every report arrived");
                List<String> ids = receiver.deliveries;
                assertEquals(new HashSet<>(ids).size(), ids.size(), "no delivery arrived twice: " + ids);
                assertTrue(receiver.badSignatures.isEmpty(), "every body is signed: " + receiver.badSignatures);
            } finally {
                a.close();
                b.close();
                receiver.stop();
            }
        }
    }

    private static String report(ApiClient api, String id, String message) {
        Answer a = api.postRaw("/v1/credentials/" + id + "/reports", "application/json",
                utf8("{\"category\":\"other\",\"message\":\"" + message + "\"}"));
        assertEquals(201, a.status(), a.toString());
        return a.json().get("id").asText();
    }

    /** A webhook receiver on loopback that checks each signature and keeps each delivery id. */
    private static final class Receiver {
        final List<String> deliveries = new CopyOnWriteArrayList<>();
        final Map<String, String> reports = new ConcurrentHashMap<>();
        final List<String> badSignatures = new CopyOnWriteArrayList<>();
        private final com.sun.net.httpserver.HttpServer server;

        private Receiver(com.sun.net.httpserver.HttpServer server) {
            this.server = server;
        }

        static Receiver start(int port) throws IOException {
            com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                    new InetSocketAddress("127.0.0.1", port), 16);
            Receiver r = new Receiver(server);
            server.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String delivery = exchange.getRequestHeaders().getFirst(WebhookDelivery.DELIVERY_HEADER);
                String signature = exchange.getRequestHeaders().getFirst(WebhookDelivery.SIGNATURE_HEADER);
                if (!("sha256=" + hmacSha256(body)).equals(signature)) {
                    r.badSignatures.add(delivery);
                }
                r.deliveries.add(delivery);
                JsonNode json = JSON.readTree(new String(body, StandardCharsets.UTF_8));
                if (json.path("type").asText().equals("report")) {
                    r.reports.put(json.get("id").asText(), delivery);
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return r;
        }

        /** The signature as a receiver computes it, with the JDK's HMAC. */
        static String hmacSha256(byte[] body) {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return java.util.HexFormat.of().formatHex(mac.doFinal(body));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        Set<String> reportIds() {
            return new HashSet<>(reports.keySet());
        }

        void stop() {
            server.stop(0);
        }
    }
}
