package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service under more large images than its heap holds, in a JVM of its own: every stamp is answered 200 or 503
 * with Retry-After, never 500, the service keeps answering {@code /healthz}, and it does not run out of memory; and
 * when the pixel budget is set past what the heap holds, the request that runs out is answered 503 and the service
 * serves on.
 */
class HeapExhaustionIT {

    private static final int STAMPS = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    /** 5000 × 5000 = 25 megapixels, a few hundred KB as PNG. */
    private static byte[] large;
    private static byte[] small;

    @BeforeAll
    static void images() {
        large = png(5000, 5000);
        small = png(640, 480);
    }

    @Test
    void twentyParallel25MegapixelStampsIn1GbAreAnswered200Or503AndHealthAnswersThroughout(@TempDir Path dir)
            throws Exception {
        try (ServedProcess served = ServedProcess.start(dir.resolve("data"), "1g",
                Map.of("ratelimit.stamp.per-minute", "1000", "http.max-requests-per-client", "64",
                        "limits.pixelWaitMillis", "2000"))) {
            String key = served.createStampKey();
            ExecutorService pool = Executors.newFixedThreadPool(STAMPS);
            try {
                List<Future<HttpResponse<String>>> stamps = new ArrayList<>();
                for (int i = 0; i < STAMPS; i++) {
                    stamps.add(pool.submit(() -> stamp(served, key, large)));
                }
                int ok = 0;
                while (!stamps.stream().allMatch(Future::isDone)) {
                    HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(served.base()
                            + "/healthz")).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(200, health.statusCode(), "healthz while stamping: " + health.body());
                    Thread.sleep(500);
                }
                for (Future<HttpResponse<String>> f : stamps) {
                    HttpResponse<String> answer = f.get();
                    if (answer.statusCode() == 200) {
                        ok++;
                    } else {
                        busy(answer);
                    }
                }
                assertTrue(ok >= 1, "at least the first stamp fits");
            } finally {
                pool.shutdownNow();
            }
            assertEquals(200, stamp(served, key, small).statusCode(), "the service stamps on");
            assertFalse(served.output().contains("OutOfMemoryError"), served.output());
            assertTrue(served.isAlive());
        }
    }

    @Test
    void aRequestThatRunsOutOfHeapIsAnswered503AndTheServiceServesOn(@TempDir Path dir) throws Exception {
        // a pixel budget far past the heap, so that admission lets through what the heap cannot hold
        try (ServedProcess served = ServedProcess.start(dir.resolve("data"), "256m",
                Map.of("limits.pixelBudget", Long.toString(64L << 30)))) {
            String key = served.createStampKey();
            HttpResponse<String> answer = stamp(served, key, large);
            busy(answer);
            assertTrue(answer.body().contains("ran out of memory"), answer.body());
            assertEquals(200, served.client().get("/healthz").status());
            assertEquals(200, stamp(served, key, small).statusCode(), "the service stamps on");
            String log = served.output();
            assertEquals(1, count(log, "ran out of resources"), log);
            assertTrue(served.isAlive());
        }
    }

    private static void busy(HttpResponse<String> answer) {
        assertEquals(503, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith(Problems.MEDIA_TYPE));
        assertTrue(Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }

    private static HttpResponse<String> stamp(ServedProcess served, String key, byte[] png)
            throws IOException, InterruptedException {
        byte[] body = ApiClient.multipart(List.of(ApiClient.Part.file("image", "large.png", "image/png", png),
                ApiClient.Part.json("provenance", ApiContract.example())));
        HttpRequest request = HttpRequest.newBuilder(URI.create(served.base() + "/v1/stamp"))
                .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + key)
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + ApiClient.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * A horizontal gradient with a checker of 40-pixel bands: not flat, so the watermark is embedded, yet every row
     * of a band repeats the one above, so it compresses to little.
     */
    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            if (y % 40 == 0) {
                for (int x = 0; x < width; x++) {
                    int r = (x * 255) / width;
                    int g = ((y / 40) * 37) & 0xFF;
                    int b = ((x / 40 + y / 40) & 1) * 60 + 90;
                    row[x] = r << 16 | g << 8 | b;
                }
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
