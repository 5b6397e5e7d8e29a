package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.bytes.Sha256;
import io.credmark.c2pa.assertion.IngredientAssertion;
import io.credmark.testing.Corpus;
import io.credmark.testing.LargeImages;
import io.credmark.testing.StoreContents;
import io.credmark.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploads larger than the service reads into memory: a metadata-only stamp and verify take them from a temporary
 * file, reading the image data from it as they hash and write; work that needs the pixels refuses them with 413.
 * Every temporary file is removed however the request ends: answered, refused, broken off, or failed.
 */
class LargeUploadsTest {

    /**
     * Images of 1 MiB or more are kept in a file; only 2 MiB are read into memory; 64 MiB are received. The test
     * image is 5 MB.
     */
    private static final Map<String, String> SETTINGS = Map.of("limits.stream-from-bytes", Long.toString(1L << 20),
            "limits.max-bytes", Long.toString(2L << 20), "limits.max-upload-bytes", Long.toString(64L << 20),
            "ratelimit.stamp.per-minute", "1000");
    private static final String METADATA_ONLY = "{\"watermark\": false}";

    @TempDir
    Path dir;
    private TestDatabase.Provisioned db;
    private Path png;

    @BeforeEach
    void image() throws IOException {
        db = TestDatabase.H2.provision(dir);
        png = LargeImages.noisePng(dir.resolve("large.png"), 1300, 1300, 1 << 20);
        assertTrue(Files.size(png) > 4L << 20, "larger than limits.max-bytes: " + Files.size(png));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private TestService start(Map<String, String> more) {
        Map<String, String> settings = new java.util.HashMap<>(SETTINGS);
        settings.putAll(more);
        return TestService.start(dir.resolve("data"), db.url(), settings);
    }

    private Path temporaryDirectory() {
        return dir.resolve("data").resolve("tmp");
    }

    private ApiClient.Answer stamp(ApiClient api, String key, byte[] image, String options, String accept) {
        return api.postMultipart("/v1/stamp", List.of(ApiClient.Part.file("image", "large.png", "image/png", image),
                ApiClient.Part.json("provenance", ApiContract.example()), ApiClient.Part.json("options", options)),
                "Authorization", "Bearer " + key, "Accept", accept);
    }

    @Test
    void aMetadataOnlyStampOfAFileOverTheMemoryLimitIsStreamedAndVerifiesTrusted() throws IOException {
        byte[] input = Files.readAllBytes(png);
        try (TestService service = start(Map.of())) {
            String key = service.createStampKey();
            ApiClient api = service.client();

            ApiClient.Answer image = stamp(api, key, input, METADATA_ONLY, "image/png");
            assertEquals(200, image.status(), image.toString());
            assertEquals(Long.toString(image.body().length), image.header("Content-Length"));
            assertTrue(image.body().length > input.length, "the input with a manifest");
            assertTemporaryDirectoryEmpty();

            // the JSON answer carries the same kind of file, streamed into its base64 member
            ApiClient.Answer json = stamp(api, key, input, METADATA_ONLY, "application/json");
            assertEquals(200, json.status(), json.toString());
            byte[] stamped = Base64.getDecoder().decode(json.json().get("image").asText());
            assertEquals(json.json().get("sha256").asText(), Sha256.hex(stamped));
            assertTemporaryDirectoryEmpty();

            // verify as the body and as a multipart part: the hard binding hashed from the file
            ApiClient.Answer raw = api.postRaw("/v1/verify", "image/png", image.body());
            assertEquals(200, raw.status(), raw.toString());
            assertEquals("trusted", raw.json().get("status").asText(), raw.text());
            ApiClient.Answer part = api.postMultipart("/v1/verify", List.of(ApiClient.Part.file("image",
                    "stamped.png", "image/png", stamped)));
            assertEquals(200, part.status(), part.toString());
            assertEquals("trusted", part.json().get("status").asText(), part.text());
            assertTrue(part.json().path("credential").has("id"), part.text());
            assertTemporaryDirectoryEmpty();

            // one pixel changed, far past the metadata (its chunk's CRC made to match), breaks the binding
            byte[] changed = image.body().clone();
            changeByteInChunk(changed, changed.length / 2);
            ApiClient.Answer broken = api.postRaw("/v1/verify", "image/png", changed);
            assertEquals(200, broken.status(), broken.toString());
            assertEquals("invalid", broken.json().get("status").asText(), broken.text());
            // not the file as issued, so its pixels would be searched; over limits.max-bytes, they are not
            JsonNode watermark = broken.json().get("watermark");
            assertEquals("unreadable", watermark.get("checked").asText(), broken.text());
            assertTrue(watermark.get("reason").asText().contains("limits.max-bytes"), broken.text());
            assertTemporaryDirectoryEmpty();
        }
    }

    /**
     * A file that already carries a manifest store, from another producer or from an earlier stamp, is streamed too:
     * the fixtures stand for large files with {@code limits.max-bytes} below their size, so that reading one whole
     * would be refused. The store becomes the parent ingredient as it does when the file is read whole.
     */
    @ParameterizedTest
    @ValueSource(strings = {"testdata/c2pa-fixtures/generated/signed-es256.png", "testdata/c2pa-fixtures/CA.jpg",
            "restamped"})
    void aFileWithAManifestStoreIsStreamedAndItsStoreBecomesTheParentAsWhenReadWhole(String input)
            throws IOException {
        byte[] image = input.equals("restamped") ? null : Corpus.bytes(input);
        String name = input.equals("restamped") ? "large.png" : Path.of(input).getFileName().toString();
        String mediaType = name.endsWith(".png") ? "image/png" : "image/jpeg";
        Map<String, String> streamed = Map.of("limits.stream-from-bytes", "1024", "limits.max-bytes",
                Long.toString(64 << 10));
        Map<String, String> inMemory = Map.of("limits.stream-from-bytes", Long.toString(32L << 20),
                "limits.max-bytes", Long.toString(32L << 20));
        String key;
        ApiClient.Answer whole;
        JsonNode wholeReport;
        try (TestService service = start(inMemory)) {
            key = service.createStampKey();
            if (image == null) {
                // a stamp of a large file that is stamped again: its own store is the parent
                image = stamp(service.client(), key, Files.readAllBytes(png), METADATA_ONLY, "image/png").body();
                assertTrue(image.length > 4L << 20);
            }
            whole = stamp(service.client(), key, name, mediaType, image);
            assertEquals(200, whole.status(), whole.toString());
            wholeReport = service.client().postRaw("/v1/verify", mediaType, whole.body()).json();
        }
        // the same database and data directory: the same key and signer
        try (TestService service = start(streamed)) {
            ApiClient.Answer answer = stamp(service.client(), key, name, mediaType, image);
            assertEquals(200, answer.status(), answer.toString());
            assertTemporaryDirectoryEmpty();
            ApiClient.Answer verified = service.client().postMultipart("/v1/verify", List.of(ApiClient.Part.file(
                    "image", name, mediaType, answer.body())));
            assertEquals(200, verified.status(), verified.toString());
            JsonNode report = verified.json();
            assertEquals("trusted", report.get("status").asText(), verified.text());
            JsonNode ingredients = report.at("/summary/ingredients");
            assertEquals(1, ingredients.size(), verified.text());
            assertEquals("parentOf", ingredients.get(0).get("relationship").asText(), verified.text());
            assertEquals(name, ingredients.get(0).get("title").asText(), verified.text());
            assertEquals(wholeReport.at("/summary/ingredients"), ingredients);
            assertArrayEquals(StoreContents.activeAssertion(whole.body(), IngredientAssertion.LABEL_V3),
                    StoreContents.activeAssertion(answer.body(), IngredientAssertion.LABEL_V3));
            assertTemporaryDirectoryEmpty();

            // the same upload, with a stamp that needs its pixels, is read whole: refused over limits.max-bytes
            ApiClient.Answer pixels = stamp(service.client(), key, image, "{\"watermark\": \"auto\"}", mediaType);
            assertEquals(413, pixels.status(), pixels.toString());
            assertTemporaryDirectoryEmpty();
        }
    }

    /**
     * A JPEG with bytes after its EOI (here 200 kB, as a motion photo carries its video) streams, and the stamped file
     * keeps them as they are, as a stamp of the whole file does.
     */
    @Test
    void aJpegWithBytesAfterItsEndIsStreamedAndKeepsThem() throws IOException {
        byte[] trailer = new byte[200_000];
        new java.util.Random(2).nextBytes(trailer);
        byte[] jpeg = Corpus.bytes("testdata/images/progressive.jpg");
        byte[] image = java.util.Arrays.copyOf(jpeg, jpeg.length + trailer.length);
        System.arraycopy(trailer, 0, image, jpeg.length, trailer.length);
        try (TestService service = start(Map.of("limits.stream-from-bytes", "1024", "limits.max-bytes",
                Long.toString(64 << 10)))) {
            String key = service.createStampKey();
            ApiClient.Answer answer = stamp(service.client(), key, "motion.jpg", "image/jpeg", image);
            assertEquals(200, answer.status(), answer.toString());
            byte[] stamped = answer.body();
            assertArrayEquals(trailer, java.util.Arrays.copyOfRange(stamped, stamped.length - trailer.length,
                    stamped.length));
            assertTemporaryDirectoryEmpty();
            ApiClient.Answer verified = service.client().postMultipart("/v1/verify", List.of(ApiClient.Part.file(
                    "image", "stamped.jpg", "image/jpeg", stamped)));
            assertEquals(200, verified.status(), verified.toString());
            assertEquals("trusted", verified.json().get("status").asText(), verified.text());
            // the trailer is bound: a byte changed in it breaks the hard binding
            stamped[stamped.length - 10] ^= 1;
            ApiClient.Answer changed = service.client().postMultipart("/v1/verify", List.of(ApiClient.Part.file(
                    "image", "changed.jpg", "image/jpeg", stamped)));
            assertEquals("invalid", changed.json().get("status").asText(), changed.text());
            assertTemporaryDirectoryEmpty();
        }
    }

    private ApiClient.Answer stamp(ApiClient api, String key, String name, String mediaType, byte[] image) {
        return api.postMultipart("/v1/stamp", List.of(ApiClient.Part.file("image", name, mediaType, image),
                ApiClient.Part.json("provenance", ApiContract.example()), ApiClient.Part.json("options",
                        METADATA_ONLY)), "Authorization", "Bearer " + key, "Accept", mediaType);
    }

    @Test
    void aStampThatNeedsThePixelsOfAFileOverTheMemoryLimitIs413() throws IOException {
        byte[] input = Files.readAllBytes(png);
        try (TestService service = start(Map.of())) {
            String key = service.createStampKey();
            ApiClient.Answer answer = stamp(service.client(), key, input, "{\"watermark\": \"auto\"}", "image/png");
            assertEquals(413, answer.status(), answer.toString());
            assertTrue(answer.text().contains("limits.max-bytes"), answer.text());
            assertTemporaryDirectoryEmpty();
        }
    }

    @Test
    void aMalformedLargeFileIs4xxAndLeavesNoFile() throws IOException {
        byte[] input = Files.readAllBytes(png);
        // the IDAT chunk's CRC no longer matches: damage the skeleton reader finds while it streams past
        input[input.length / 2] ^= 1;
        try (TestService service = start(Map.of())) {
            String key = service.createStampKey();
            ApiClient.Answer stamp = stamp(service.client(), key, input, METADATA_ONLY, "image/png");
            assertEquals(422, stamp.status(), stamp.toString());
            assertTrue(stamp.text().contains("CRC"), stamp.text());
            ApiClient.Answer verify = service.client().postRaw("/v1/verify", "image/png", input);
            assertEquals(422, verify.status(), verify.toString());
            assertTemporaryDirectoryEmpty();
        }
    }

    @Test
    void anUploadBrokenOffMidwayLeavesNoFile() throws Exception {
        byte[] input = Files.readAllBytes(png);
        try (TestService service = start(Map.of())) {
            String key = service.createStampKey();
            byte[] multipart = ApiClient.multipart(List.of(ApiClient.Part.file("image", "large.png", "image/png",
                    input), ApiClient.Part.json("provenance", ApiContract.example())));
            sendHalf(service.base, "/v1/stamp", "multipart/form-data; boundary=" + ApiClient.BOUNDARY, multipart,
                    "Authorization: Bearer " + key + "\r\n");
            sendHalf(service.base, "/v1/verify", "image/png", input, "");
            // the server notices the broken connection when it next reads
            assertTemporaryDirectoryEmpty();
            assertEquals(200, service.client().get("/healthz").status());
        }
    }

    @Test
    void aStampThatFailsInsideTheServiceLeavesNoFile() throws IOException {
        byte[] input = Files.readAllBytes(png);
        // a required time-stamp from an authority that cannot be reached: the stamp fails after the upload was
        // received and its output file made
        try (TestService service = start(Map.of("tsa.url", "http://127.0.0.1:1/tsa", "tsa.required", "true"))) {
            String key = service.createStampKey();
            ApiClient.Answer answer = stamp(service.client(), key, input, METADATA_ONLY, "image/png");
            assertEquals(503, answer.status(), answer.toString());
            assertTemporaryDirectoryEmpty();
        }
    }

    /** Flips one bit at {@code at} and gives the PNG chunk around it its new CRC, as an editor would. */
    private static void changeByteInChunk(byte[] png, int at) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png);
        int pos = 8;
        while (pos + 12 + b.getInt(pos) <= at) {
            pos += 12 + b.getInt(pos);
        }
        png[at] ^= 1;
        int length = b.getInt(pos);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, pos + 4, 4 + length);
        b.putInt(pos + 8 + length, (int) crc.getValue());
    }

    /** Declares the whole body, sends half of it, and closes the connection. */
    private static void sendHalf(String base, String path, String contentType, byte[] body, String headers)
            throws IOException {
        URI uri = URI.create(base + path);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + body.length + "\r\n" + headers + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
        }
    }

    private void assertTemporaryDirectoryEmpty() throws IOException {
        assertEquals(List.of(), SpillDirectoryTest.filesLeftIn(temporaryDirectory()), "the temporary directory");
    }
}
