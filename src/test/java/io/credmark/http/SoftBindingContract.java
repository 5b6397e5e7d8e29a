package io.credmark.http;

import static io.credmark.http.ApiContract.assertProblem;
import static io.credmark.http.ApiContract.example;
import static io.credmark.http.ApiContract.read;
import static io.credmark.http.ApiContract.utf8;
import static io.credmark.testing.ByteSearch.contains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.jumbf.JumbfReader;
import io.credmark.c2pa.jumbf.SuperBox;
import io.credmark.credential.WatermarkPayload;
import io.credmark.http.ApiClient.Answer;
import io.credmark.http.ApiClient.Part;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C2PA Soft Binding Resolution API over real HTTP, against images stamped with the invisible watermark by the
 * same service; the subclasses run it on H2 and on PostgreSQL.
 */
abstract class SoftBindingContract extends ServiceContract {

    private static final String ALG = "io.credmark.watermark.pss.1";
    private static final String ORIGIN = "https://gallery.example";
    /** A photograph at a generator's size, converted to PNG so that the stamped file keeps the store verbatim. */
    private static final String PHOTO = "testdata/watermark/train/photo-skimage-astronaut-512x512.jpg";

    private byte[] original;
    /** The stamp of {@link #original}: the file, its manifest label and the watermark id it carries. */
    private byte[] stamped;
    private String manifest;
    private long payload;

    @BeforeAll
    void stampTheOriginal() {
        original = png(decode(read(PHOTO)));
        JsonNode answer = stampJson(original, "image/png");
        assertTrue(answer.at("/watermark/embedded").asBoolean(), answer.toString());
        stamped = Base64.getDecoder().decode(answer.get("image").asText());
        manifest = answer.get("manifest").asText();
        payload = WatermarkPayload.parseHex(answer.at("/watermark/payloadId").asText()).orElseThrow();
    }

    // --- the algorithms ----------------------------------------------------------------------------------------

    @Test
    void theSupportedAlgorithmIsTheWatermark() {
        Answer a = api.get("/services/supportedAlgorithms");
        assertEquals(200, a.status(), a.toString());
        assertEquals("application/json", a.contentType());
        assertEquals("{\"watermarks\":[{\"alg\":\"" + ALG + "\"}],\"fingerprints\":[]}", a.json().toString());
        assertEquals(ALG, WatermarkPayload.ALG);
    }

    // --- matches by binding --------------------------------------------------------------------------------------

    @Test
    void theStampedWatermarkValueLeadsToItsManifest() {
        String value = WatermarkPayload.base64(payload);
        for (String query : List.of("alg=" + ALG + "&value=" + enc(value),
                "value=" + enc(value) + "&alg=" + enc(ALG) + "&maxResults=1",
                "alg=" + ALG + "&value=" + value.replace('+', '-').replace('/', '_'))) {
            Answer a = api.get("/matches/byBinding?" + query);
            assertEquals(200, a.status(), query + ": " + a);
            assertEquals("application/json", a.contentType());
            assertOneMatch(a.json());
        }
    }

    @Test
    void anotherValueMatchesNothing() {
        JsonNode r = api.get("/matches/byBinding?alg=" + ALG + "&value=" + enc(WatermarkPayload.base64(payload ^ 1)))
                .json();
        assertEquals("{\"matches\":[]}", r.toString());
        // a '+' left unencoded in the query arrives as a space: still read as the '+' it was
        Answer plus = api.get("/matches/byBinding?alg=" + ALG + "&value=AAAA+AAA");
        assertEquals(200, plus.status(), plus.toString());
        assertEquals(0, plus.json().get("matches").size());
    }

    @Test
    void valuesThatAreNoWatermarkIdAre400() {
        for (String value : List.of(enc("not base64!"), enc(b64(new byte[5])), enc(b64(new byte[7])), "", "AAAA=AAA")) {
            Answer a = api.get("/matches/byBinding?alg=" + ALG + "&value=" + value);
            assertProblem(a, 400, "bad-request");
            assertTrue(a.json().get("detail").asText().contains("value"), a.toString());
        }
        assertProblem(api.get("/matches/byBinding?alg=" + ALG), 400, "bad-request");
        assertProblem(api.get("/matches/byBinding?value=" + enc(WatermarkPayload.base64(payload))), 400,
                "bad-request");
        for (String max : List.of("0", "-1", "ten", "1.5")) {
            assertProblem(api.get("/matches/byBinding?alg=" + ALG + "&value=" + enc(WatermarkPayload.base64(payload))
                    + "&maxResults=" + max), 400, "bad-request");
        }
    }

    @Test
    void anUnknownAlgorithmIs400NamingOurs() {
        String value = enc(WatermarkPayload.base64(payload));
        List<Answer> answers = List.of(
                api.get("/matches/byBinding?alg=com.example.watermark.1&value=" + value),
                api.get("/matches/byBinding?alg=io.credmark.watermark.pss.2&value=" + value),
                api.postRaw("/matches/byBinding", "application/json",
                        utf8("{\"alg\":\"com.example.watermark.1\",\"value\":\"" + WatermarkPayload.base64(payload)
                                + "\"}")),
                api.postRaw("/matches/byContent?alg=com.example.fingerprint.1", "image/png", stripped()));
        for (Answer a : answers) {
            assertProblem(a, 400, "bad-request");
            assertTrue(a.json().get("detail").asText().contains(ALG), a.toString());
        }
    }

    @Test
    void aQueryDocumentWorksAsTheQueryParameters() {
        Answer a = api.postRaw("/matches/byBinding?maxResults=5", "application/json",
                utf8("{\"alg\":\"" + ALG + "\",\"value\":\"" + WatermarkPayload.base64(payload) + "\"}"));
        assertEquals(200, a.status(), a.toString());
        assertOneMatch(a.json());

        Answer none = api.postRaw("/matches/byBinding", "application/json",
                utf8("{\"alg\":\"" + ALG + "\",\"value\":\"" + WatermarkPayload.base64(payload ^ 0xFFFF) + "\"}"));
        assertEquals("{\"matches\":[]}", none.json().toString());

        for (String body : List.of("{\"alg\":\"" + ALG + "\",\"value\":\"AAAA\"}", "{\"alg\":\"" + ALG + "\"}",
                "{\"value\":\"" + WatermarkPayload.base64(payload) + "\"}",
                "{\"alg\":\"" + ALG + "\",\"value\":12345678}", "[]", "{\"alg\":", "")) {
            assertProblem(api.postRaw("/matches/byBinding", "application/json", utf8(body)), 400, "bad-request");
        }
    }

    // --- matches by content --------------------------------------------------------------------------------------

    @Test
    void theStampedImageWithoutItsMetadataLeadsToItsManifest() {
        byte[] png = stripped();
        assertFalse(contains(png, "caBX".getBytes(StandardCharsets.US_ASCII)), "no manifest is left");
        Answer a = api.postRaw("/matches/byContent", "image/png", png);
        assertEquals(200, a.status(), a.toString());
        assertOneMatch(a.json());

        // and recompressed as JPEG, with the algorithm named
        byte[] jpeg = encode(decode(stamped), "jpg");
        Answer j = api.postRaw("/matches/byContent?alg=" + ALG + "&maxResults=3", "image/jpeg", jpeg);
        assertEquals(200, j.status(), j.toString());
        assertOneMatch(j.json());
    }

    @Test
    void anUnmarkedImageMatchesNothing() {
        for (byte[] image : List.of(original, read("testdata/images/rgb8.png"), read("testdata/images/grayscale.jpg"))) {
            Answer a = api.postRaw("/matches/byContent", "image/png", image);
            assertEquals(200, a.status(), a.toString());
            assertEquals("{\"matches\":[]}", a.json().toString());
        }
    }

    @Test
    void whatIsNoImageIs415AndAnUnreadableOne4xx() {
        byte[] text = read("testdata/malformed/text-file-named.png");
        assertProblem(api.postRaw("/matches/byContent", "image/png", text), 415, "unsupported-media-type");
        assertProblem(api.postRaw("/matches/byContent", "text/plain", utf8("hello")), 415, "unsupported-media-type");
        assertProblem(api.postMultipart("/matches/byContent", List.of(Part.file("image", "a.png", "image/png",
                stripped()))), 415, "unsupported-media-type");
        assertProblem(api.postRaw("/matches/byContent", "image/png", new byte[0]), 400, "bad-request");
        assertProblem(api.postRaw("/matches/byContent", "image/png",
                read("testdata/malformed/png-ihdr-100000x100000.png")), 422, "pixel-limit");
        assertProblem(api.postRaw("/matches/byContent", "image/png",
                read("testdata/malformed/png-truncated-mid-idat.png")), 422, "malformed-image");
    }

    @Test
    void imagesOverTheConfiguredLimitAre413(@TempDir Path other) {
        try (TestService small = TestService.start(other, service.databaseUrl, Map.of("limits.max-bytes", "20000"))) {
            byte[] image = read("testdata/images/rgb8.png");
            assertTrue(image.length > 20000);
            Answer a = small.client().postRaw("/matches/byContent", "image/png", image);
            assertProblem(a, 413, "content-too-large");
            assertEquals(20000, a.json().get("limit").asInt());
        }
    }

    // --- manifests -----------------------------------------------------------------------------------------------

    @Test
    void theManifestIsTheStoreEmbeddedInTheStampedFile() {
        Answer a = api.get("/manifests/" + manifest);
        assertEquals(200, a.status(), a.toString());
        assertEquals("application/c2pa", a.contentType());
        assertTrue(a.header("Cache-Control").contains("immutable"), a.header("Cache-Control"));
        byte[] store = a.body();
        assertEquals("jumb", new String(store, 4, 4, StandardCharsets.US_ASCII));
        SuperBox root = JumbfReader.readSuperBox(store);
        assertEquals("c2pa", root.label());
        assertEquals(manifest, root.superBoxes().get(root.superBoxes().size() - 1).label(), "the active manifest");
        // a PNG's caBX chunk holds the store verbatim
        assertTrue(contains(stamped, store), "the stamped file carries exactly these bytes");

        // the same with returnActiveManifest: there is no other manifest to leave out
        assertArrayEquals(store, api.get("/manifests/" + manifest + "?returnActiveManifest=true").body());
        assertArrayEquals(store, api.get("/manifests/" + manifest + "?returnActiveManifest=false").body());
        // URNs compare their scheme, namespace and UUID case-insensitively
        String upper = manifest.substring(0, 45).toUpperCase(Locale.ROOT) + manifest.substring(45);
        assertArrayEquals(store, api.get("/manifests/" + upper).body());
        assertArrayEquals(store, api.get("/manifests/" + enc(manifest)).body());
    }

    @Test
    void theActiveManifestAloneLeavesTheParentsOut() {
        JsonNode over = stampJson(read("testdata/c2pa-fixtures/generated/signed-es256.png"), "image/png");
        String label = over.get("manifest").asText();
        byte[] whole = api.get("/manifests/" + label).body();
        List<SuperBox> manifests = JumbfReader.readSuperBox(whole).superBoxes();
        assertEquals(2, manifests.size(), "the stamped-over image's manifest and ours");
        assertEquals(label, manifests.get(1).label());

        Answer active = api.get("/manifests/" + label + "?returnActiveManifest=true");
        assertEquals(200, active.status(), active.toString());
        assertEquals("application/c2pa", active.contentType());
        SuperBox root = JumbfReader.readSuperBox(active.body());
        assertEquals("c2pa", root.label());
        assertEquals(1, root.superBoxes().size());
        assertEquals(label, root.superBoxes().get(0).label());
        assertArrayEquals(manifests.get(1).bytes().toByteArray(), root.superBoxes().get(0).bytes().toByteArray());
        assertTrue(active.body().length < whole.length);

        assertProblem(api.get("/manifests/" + label + "?returnActiveManifest=yes"), 400, "bad-request");
    }

    @Test
    void anUnknownManifestIs404AndWhatIsNoManifestId400() {
        assertProblem(api.get("/manifests/urn:c2pa:" + UUID.randomUUID()), 404, "not-found");
        assertProblem(api.get("/manifests/urn:uuid:" + UUID.randomUUID()), 404, "not-found");
        assertProblem(api.get("/manifests/" + manifest.replace("urn:c2pa:", "urn:uuid:")), 404, "not-found");
        for (String id : List.of("not-a-manifest", "urn:c2pa:1234", "urn:isbn:0451450523",
                "urn:c2pa:" + UUID.randomUUID() + ":a%20b", "c2pa:" + UUID.randomUUID())) {
            assertProblem(api.get("/manifests/" + id), 400, "bad-request");
        }
    }

    @Test
    void theFetchedStoreIsReadByTheReferenceVerifier(@TempDir Path out) throws IOException {
        Path anchors = out.resolve("anchors.pem");
        Files.writeString(anchors, api.get("/v1/trust/anchors").text());
        Path store = out.resolve("manifest.c2pa");
        Files.write(store, api.get("/manifests/" + manifest).body());
        Path file = out.resolve("stamped.png");
        Files.write(file, stamped);
        List<ReferenceVerdict> verdicts = ReferenceVerifier.create().withTrustAnchors(anchors)
                .verify(List.of(store, file));
        // without the image, the one thing it cannot check is the hash of the image's bytes
        ReferenceVerdict sidecar = verdicts.get(0);
        assertTrue(sidecar.hasManifest(), sidecar.summary());
        assertEquals(List.of("assertion.dataHash.mismatch"), sidecar.failureCodes(), sidecar.toString());
        assertTrue(sidecar.successCodes().containsAll(List.of("claimSignature.validated", "signingCredential.trusted",
                "assertion.hashedURI.match")), sidecar.toString());
        assertTrue(verdicts.get(1).isTrusted(), verdicts.get(1).summary());
    }

    /**
     * The active manifest alone, of a stamp over an image that had a manifest: c2pa-rs reads it and validates its
     * signature; besides the image's hash it misses only the parent's manifest, which was left out on purpose.
     */
    @Test
    void theActiveManifestAloneIsReadByTheReferenceVerifier(@TempDir Path out) throws IOException {
        String label = stampJson(read("testdata/c2pa-fixtures/generated/signed-es256.png"), "image/png")
                .get("manifest").asText();
        Path anchors = out.resolve("anchors.pem");
        Files.writeString(anchors, api.get("/v1/trust/anchors").text());
        Path store = out.resolve("active.c2pa");
        Files.write(store, api.get("/manifests/" + label + "?returnActiveManifest=true").body());
        ReferenceVerdict v = ReferenceVerifier.create().withTrustAnchors(anchors).verify(List.of(store)).get(0);
        assertTrue(v.hasManifest(), v.summary());
        assertTrue(v.successCodes().containsAll(List.of("claimSignature.validated", "signingCredential.trusted")),
                v.toString());
        assertEquals(java.util.Set.of("assertion.dataHash.mismatch", "ingredient.manifest.missing"),
                java.util.Set.copyOf(v.failureCodes()), v.toString());
    }

    // --- cross-origin --------------------------------------------------------------------------------------------

    @Test
    void otherOriginsMayCallEveryRouteOfTheApi() {
        String value = enc(WatermarkPayload.base64(payload));
        List<Answer> answers = List.of(
                api.get("/services/supportedAlgorithms", "Origin", ORIGIN),
                api.get("/matches/byBinding?alg=" + ALG + "&value=" + value, "Origin", ORIGIN),
                api.postRaw("/matches/byBinding", "application/json", utf8("{\"alg\":\"" + ALG + "\",\"value\":\""
                        + WatermarkPayload.base64(payload) + "\"}"), "Origin", ORIGIN),
                api.postRaw("/matches/byContent", "image/png", stripped(), "Origin", ORIGIN),
                api.get("/manifests/" + manifest, "Origin", ORIGIN),
                api.get("/manifests/urn:c2pa:" + UUID.randomUUID(), "Origin", ORIGIN),
                api.get("/matches/byBinding?alg=x&value=" + value, "Origin", ORIGIN));
        for (Answer a : answers) {
            assertEquals("*", a.header("Access-Control-Allow-Origin"), a.toString());
            assertEquals(null, a.header("Access-Control-Allow-Credentials"), a.toString());
        }
        for (String path : List.of("/matches/byBinding", "/matches/byContent")) {
            Answer p = api.send("OPTIONS", path, new byte[0], "Origin", ORIGIN, "Access-Control-Request-Method",
                    "POST", "Access-Control-Request-Headers", "content-type");
            assertEquals(204, p.status(), path + ": " + p);
            assertEquals("*", p.header("Access-Control-Allow-Origin"), path);
            assertEquals("POST", p.header("Access-Control-Allow-Methods"), path);
            assertEquals("Content-Type", p.header("Access-Control-Allow-Headers"), path);
            assertTrue(p.header("Allow").contains("POST"), path);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private void assertOneMatch(JsonNode result) {
        JsonNode matches = result.get("matches");
        assertNotNull(matches, result.toString());
        assertEquals(1, matches.size(), result.toString());
        assertEquals(manifest, matches.get(0).get("manifestId").asText());
        assertEquals(100, matches.get(0).get("similarityScore").asInt());
        assertFalse(matches.get(0).has("endpoint"), "the manifest is served here");
        assertNotEquals("", manifest);
    }

    private JsonNode stampJson(byte[] image, String mediaType) {
        Answer a = api.stamp(stampKey, image, mediaType, example(), "Accept", "application/json");
        assertEquals(200, a.status(), a.toString());
        return a.json();
    }

    /** The stamped image's pixels alone, as a fresh PNG: no manifest, no metadata. */
    private byte[] stripped() {
        return png(decode(stamped));
    }

    private static BufferedImage decode(byte[] file) {
        try {
            return ImageIO.read(new ByteArrayInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    private static byte[] encode(BufferedImage image, String format) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertTrue(ImageIO.write(rgb, format, out), "no ImageIO writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
