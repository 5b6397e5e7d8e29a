package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.testing.TestDatabase;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pixel budget over HTTP: images whose decoded pixels do not fit beside those in flight wait, then are answered
 * 503 with Retry-After; an image that could never fit is answered 422 before a pixel is decoded; never a 500.
 */
class PixelBudgetApiTest {

    /** Room for one 2-megapixel stamp (4 bytes × 4 rasters a pixel), not two. */
    private static final Map<String, String> SMALL_BUDGET = Map.of("limits.pixelBudget", Long.toString(48L << 20),
            "limits.pixelWaitMillis", "300", "ratelimit.stamp.per-minute", "1000");

    @Test
    void parallelLargeStampsAreAnswered200Or503AndHealthAnswersThroughout(@TempDir Path dir) throws Exception {
        byte[] png = png(1600, 1250);
        try (TestService service = TestService.on(TestDatabase.H2, dir, SMALL_BUDGET)) {
            String key = service.createStampKey();
            ApiClient api = service.client();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<ApiClient.Answer>> stamps = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    stamps.add(pool.submit(() -> api.stamp(key, png, "image/png", ApiContract.example())));
                }
                int ok = 0;
                int busy = 0;
                while (!stamps.stream().allMatch(Future::isDone)) {
                    assertEquals(200, api.get("/healthz").status());
                    Thread.sleep(100);
                }
                for (Future<ApiClient.Answer> f : stamps) {
                    ApiClient.Answer answer = f.get(1, TimeUnit.MINUTES);
                    if (answer.status() == 200) {
                        ok++;
                    } else {
                        assertEquals(503, answer.status(), answer.toString());
                        assertTrue(answer.contentType().startsWith(Problems.MEDIA_TYPE), answer.contentType());
                        assertTrue(Long.parseLong(answer.header("Retry-After")) >= 1);
                        busy++;
                    }
                }
                assertTrue(ok >= 1, "one stamp at a time fits");
                assertTrue(busy >= 1, "six at once do not");
            } finally {
                pool.shutdownNow();
            }
            assertEquals(200, api.stamp(key, png, "image/png", ApiContract.example()).status(),
                    "the budget is given back");
        }
    }

    @Test
    void aTinyFileDeclaringTenThousandSquaredPixelsIsRefusedUndecoded(@TempDir Path dir) throws IOException {
        // an all-zero 10000×10000 grey PNG compresses to ~100 KB and decodes to 400 MB
        byte[] bomb = grey(10_000, 10_000);
        try (TestService service = TestService.on(TestDatabase.H2, dir, SMALL_BUDGET)) {
            String key = service.createStampKey();
            ApiClient api = service.client();
            ApiClient.Answer stamp = api.stamp(key, bomb, "image/png", ApiContract.example());
            assertEquals(422, stamp.status(), stamp.toString());
            assertTrue(stamp.toString().contains("limits.pixelBudget"), stamp.toString());
            ApiClient.Answer verify = api.postRaw("/v1/verify", "image/png", bomb);
            assertTrue(verify.status() == 200 || verify.status() == 422 || verify.status() == 503,
                    verify.toString());
            assertEquals(200, api.get("/healthz").status());
        }
    }

    /** A smooth RGB gradient with a pattern: cheap to write, but not flat, so the watermark is embedded. */
    private static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (x * 255) / width;
                int g = (y * 255) / height;
                int b = ((x / 40 + y / 40) & 1) * 60 + 90;
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return WebFixtures.encode(image, "png");
    }

    private static byte[] grey(int width, int height) {
        return WebFixtures.encode(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), "png");
    }
}
