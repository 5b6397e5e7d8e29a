package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.testing.LargeImages;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A metadata-only stamp of a PNG far larger than the service's heap allows to hold, through {@code serve} in a JVM
 * of its own with a 256 MB heap: the upload is received into a temporary file, the image data hashed and written
 * from it, the stamped file streamed back; c2pa-rs finds it Trusted, and the service verifies it without reading it
 * into memory. Neither the test nor the service holds the file in memory: it is generated, sent and received as a
 * stream.
 */
class LargeStampIT {

    /** 8000 × 8400 RGB, stored uncompressed: 202 MB, 67 megapixels. */
    private static final int WIDTH = 8000;
    private static final int HEIGHT = 8400;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    @Test
    void a200MegabytePngStampsMetadataOnlyInA256MegabyteHeapAndIsTrusted(@TempDir Path dir) throws Exception {
        Path png = LargeImages.streamedNoisePng(dir.resolve("large.png"), WIDTH, HEIGHT);
        long size = Files.size(png);
        assertTrue(size > 200_000_000L, "large: " + size);
        Path data = dir.resolve("data");
        try (ServedProcess served = ServedProcess.start(data, "256m", Map.of())) {
            String key = served.createStampKey();
            Path stamped = dir.resolve("stamped.png");
            HttpResponse<Path> answer = HTTP.send(stampRequest(served.base(), key, png),
                    HttpResponse.BodyHandlers.ofFile(stamped));
            assertEquals(200, answer.statusCode(), () -> excerpt(stamped) + "\n" + served.output());
            assertEquals(Files.size(stamped), answer.headers().firstValueAsLong("Content-Length").orElseThrow());
            Files.delete(png);
            assertTrue(Files.size(stamped) > size, "the input with a manifest");

            Path anchors = dir.resolve("anchors.pem");
            Files.writeString(anchors, served.client().get("/v1/trust/anchors").text());
            ReferenceVerdict verdict = ReferenceVerifier.create().withTrustAnchors(anchors)
                    .withTimeout(Duration.ofMinutes(5)).verify(stamped);
            assertTrue(verdict.isTrusted(), verdict.summary());

            HttpResponse<String> verified = HTTP.send(HttpRequest.newBuilder(URI.create(served.base()
                    + "/v1/verify")).timeout(Duration.ofMinutes(5)).header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofFile(stamped)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, verified.statusCode(), verified.body());
            JsonNode report = new ObjectMapper().readTree(verified.body());
            assertEquals("trusted", report.get("status").asText(), verified.body());
            assertEquals(answer.headers().firstValue("Credential-Id").orElseThrow(),
                    report.path("credential").path("id").asText(), verified.body());

            System.out.printf("LargeStampIT: %d-byte PNG stamped and verified by serve -Xmx256m, peak RSS %d MB%n",
                    size, served.peakResidentBytes() >> 20);
            assertFalse(served.output().contains("OutOfMemoryError"), served.output());
            assertEquals(List.of(), SpillDirectoryTest.filesLeftIn(data.resolve("tmp")), "temporary files left");
        }
    }

    /** The multipart body with the image part read from its file as it is sent. */
    private static HttpRequest stampRequest(String base, String key, Path png) throws IOException {
        String boundary = ApiClient.BOUNDARY;
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"provenance\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + ApiContract.example() + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"options\"\r\nContent-Type: application/json\r\n\r\n"
                + "{\"watermark\": false}\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\";"
                + " filename=\"large.png\"\r\nContent-Type: image/png\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        return HttpRequest.newBuilder(URI.create(base + "/v1/stamp")).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + key).header("Accept", "image/png")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(
                        HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
                        HttpRequest.BodyPublishers.ofFile(png),
                        HttpRequest.BodyPublishers.ofString(tail, StandardCharsets.US_ASCII)))
                .build();
    }

    private static String excerpt(Path answer) {
        try {
            byte[] head = Files.size(answer) > 4096 ? new byte[0] : Files.readAllBytes(answer);
            return new String(head, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
