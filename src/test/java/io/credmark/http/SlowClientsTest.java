package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send their bodies a byte at a time, from another address, neither hold back stamps nor the health
 * check: the server drops bodies slower than its minimum data rate, admits few requests per client at a time, and
 * reads a body before the request takes one of the places that bound the work done at once.
 */
class SlowClientsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void slowBodiesDelayNeitherAStampNorTheHealthCheck(@TempDir Path dir) throws Exception {
        try (TestService service = TestService.on(TestDatabase.H2, dir, Map.of())) {
            String key = service.createStampKey();
            byte[] image = ApiContract.image("rgb8.png");
            // warm up: the first stamp loads the signer and compiles a lot
            assertEquals(200, service.client().stamp(key, image, "image/png", ApiContract.example()).status());

            String boundary = "multipart/form-data; boundary=slow";
            List<SlowBodies.Target> targets = List.of(
                    // as many as the service has upload places, each declaring 10 MB
                    new SlowBodies.Target("/v1/verify", boundary, 10_000_000, 8),
                    new SlowBodies.Target("/matches/byContent", "image/png", 10_000_000, 8),
                    // more than the server has threads, on a public route with a small body
                    new SlowBodies.Target("/matches/byBinding", "application/json", 16_000, 230));
            try (SlowBodies attack = new SlowBodies("127.0.0.2", service.server.port(), targets, 2_000, 25_000)) {
                Thread.sleep(3_000);
                assertTrue(attack.opened.get() >= 240, "the attack is under way: " + attack.opened.get());
                for (int round = 0; round < 2; round++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                            URI.create(service.base + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    double healthSeconds = (System.nanoTime() - t0) / 1e9;
                    assertEquals(200, health.statusCode(), health.body());
                    assertTrue(healthSeconds < 2, "/healthz took " + healthSeconds + " s");

                    long t1 = System.nanoTime();
                    ApiClient.Answer stamp = service.client().stamp(key, image, "image/png", ApiContract.example());
                    double stampSeconds = (System.nanoTime() - t1) / 1e9;
                    assertEquals(200, stamp.status(), stamp.toString());
                    assertTrue(stampSeconds < 10, "the stamp took " + stampSeconds + " s");
                    if (round == 0) {
                        // the second round comes after the server dropped the first slow bodies and they came back
                        Thread.sleep(6_000);
                    }
                }
            }
        }
    }

}
