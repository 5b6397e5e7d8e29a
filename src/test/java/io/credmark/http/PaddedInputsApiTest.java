package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.testing.PaddedImages;
import io.credmark.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files padded with millions of empty JPEG segments or PNG chunks cost far more to walk than their size: verify and
 * stamp refuse them with a 422 naming the limit, quickly.
 */
class PaddedInputsApiTest {

    @Test
    void paddedJpegAndPngAreRefused422NamingTheLimit(@TempDir Path dir) {
        // 12 MB each: 3 million 4-byte COM segments, 1 million 12-byte private PNG chunks
        byte[] jpeg = PaddedImages.jpegWithComments(3_000_000);
        byte[] png = PaddedImages.pngWithEmptyChunks("prVt", 1_000_000);
        try (TestService service = TestService.on(TestDatabase.H2, dir, Map.of())) {
            String key = service.createStampKey();
            ApiClient api = service.client();
            refused(api.postRaw("/v1/verify", "image/jpeg", jpeg), "limit: JPEG segments per file");
            refused(api.stamp(key, jpeg, "image/jpeg", ApiContract.example()), "limit: JPEG segments per file");
            refused(api.postRaw("/v1/verify", "image/png", png), "limit: PNG non-IDAT chunks per file");
            refused(api.stamp(key, png, "image/png", ApiContract.example()), "limit: PNG non-IDAT chunks per file");
        }
    }

    private static void refused(ApiClient.Answer answer, String limit) {
        assertEquals(422, answer.status(), answer.toString());
        assertTrue(answer.contentType().startsWith(Problems.MEDIA_TYPE), answer.toString());
        assertTrue(answer.json().get("detail").asText().contains(limit), answer.toString());
    }
}
