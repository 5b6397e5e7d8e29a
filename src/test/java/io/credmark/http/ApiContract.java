package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.credential.Credential;
import io.credmark.credential.CredentialId;
import io.credmark.http.ApiClient.Answer;
import io.credmark.http.ApiClient.Part;
import io.credmark.provenance.ProvenanceParser;
import io.credmark.pki.TrustAnchors;
import io.credmark.store.CredentialStore;
import io.credmark.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP API over real HTTP against a started service node and a real database; the subclasses run it on H2 and
 * on PostgreSQL.
 */
abstract class ApiContract extends ServiceContract {

    static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[0-9a-f][0-9a-hjkmnp-tv-z]{12}");

    @BeforeAll
    void theFirstStartCreatesTheAdminKey() {
        assertNotNull(adminKey, "the first start creates the admin key");
    }

    // --- stamping ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"rgb8.png", "rgba8.png", "interlaced-adam7.png", "baseline-420.jpg", "progressive.jpg",
            "cmyk-adobe.jpg"})
    void aStampReturnsTheImageWithItsCredentialAndTheRecordMatchesIt(String name) {
        byte[] input = image(name);
        String mediaType = name.endsWith(".png") ? "image/png" : "image/jpeg";
        Answer a = api.stamp(stampKey, input, mediaType, example());

        assertEquals(200, a.status(), a.toString());
        assertEquals(mediaType, a.contentType());
        String id = a.header("Credential-Id");
        assertTrue(ID.matcher(id).matches(), id);
        assertEquals("<" + service.base + "/c/" + id + ">; rel=\"credential\"", a.header("Link"));
        assertEquals(Integer.toString(a.body().length), a.header("Content-Length"));
        assertTrue(a.body().length > input.length, "the manifest was added");

        // the record was committed before the answer, and describes exactly these bytes
        Credential record = service.node.views().find(CredentialId.parse(id).orElseThrow()).orElseThrow();
        assertEquals(sha256(a.body()), record.sha256());
        assertEquals("front-end", record.apiKeyName());
        assertEquals(mediaType, record.mediaType());
        assertEquals(ProvenanceParser.parse(utf8(example())), record.provenance());

        JsonNode view = api.get("/v1/credentials/" + id).json();
        assertEquals(id, view.get("id").asText());
        assertEquals(service.base + "/c/" + id, view.get("url").asText());
        assertEquals(sha256(a.body()), view.get("sha256").asText());
        assertEquals(record.manifestLabel(), view.get("manifest").asText());
        assertEquals("mirelle.ink", view.at("/provenance/creator/handle").asText());
        assertEquals("Inkwash XL", view.at("/provenance/model/name").asText());
        assertEquals("credmark development", view.at("/signer/organization").asText());
        assertFalse(view.toString().contains("front-end"), "the API key's name is not public");
    }

    @Test
    void acceptJsonGivesTheCredentialAndTheImageInBase64() {
        Answer a = api.stamp(stampKey, image("baseline-444.jpg"), "image/jpeg", example(), "Accept",
                "application/json");
        assertEquals(200, a.status(), a.toString());
        assertTrue(a.contentType().startsWith("application/json"), a.contentType());
        JsonNode j = a.json();
        String id = j.get("id").asText();
        assertEquals(id, a.header("Credential-Id"));
        assertEquals(service.base + "/c/" + id, j.get("url").asText());
        assertEquals("image/jpeg", j.get("mediaType").asText());
        assertTrue(j.get("manifest").asText().startsWith("urn:c2pa:"), j.toString());
        byte[] image = Base64.getDecoder().decode(j.get("image").asText());
        assertEquals(sha256(image), j.get("sha256").asText());
        assertEquals(sha256(image), api.get("/v1/credentials/" + id).json().get("sha256").asText());

        Answer verified = api.postRaw("/v1/verify", "image/jpeg", image);
        assertEquals("trusted", verified.json().get("status").asText(), verified.toString());
        assertEquals(id, verified.json().at("/credential/id").asText());

        // the image stays the default unless JSON ranks higher
        assertEquals("image/jpeg", api.stamp(stampKey, image("baseline-444.jpg"), "image/jpeg", example(), "Accept",
                "image/*, application/json;q=0.5").contentType());
        assertEquals("image/jpeg", api.stamp(stampKey, image("baseline-444.jpg"), "image/jpeg", example(), "Accept",
                "*/*").contentType());
    }

    @Test
    void aComfyUiFileStampedWithoutAGenerationSectionShowsTheImportedFieldsOnItsCredential() {
        byte[] input = read("testdata/generators/comfyui-lora.png");
        Answer unsigned = api.postRaw("/v1/verify", "image/png", input);
        assertEquals("none", unsigned.json().get("status").asText());
        assertFalse(unsigned.json().at("/unsignedMetadata/signed").asBoolean(true), unsigned.toString());
        assertEquals("ComfyUI", unsigned.json().at("/unsignedMetadata/generator/0").asText());
        assertEquals(1039481773L, unsigned.json().at("/unsignedMetadata/fields/generation.seed").asLong());

        String minimal = new String(read("testdata/provenance/minimal.json"), StandardCharsets.UTF_8);
        Answer a = api.stamp(stampKey, input, "image/png", minimal, "Accept", "application/json");
        assertEquals(200, a.status(), a.toString());
        JsonNode j = a.json();
        assertEquals("ComfyUI", j.at("/import/generators/0").asText(), j.toString());
        assertTrue(j.at("/import/imported").toString().contains("{\"field\":\"generation.prompt\",\"source\":"
                + "\"PNG tEXt \\\"prompt\\\"\",\"generator\":\"ComfyUI\"}"), j.at("/import").toString());
        assertTrue(j.at("/import/dropped").toString().contains("the request gives this field"));
        assertTrue(j.at("/inputMetadata/removed").isEmpty(), "all public: the generator's text stays");

        String id = j.get("id").asText();
        JsonNode view = api.get("/v1/credentials/" + id).json();
        assertEquals(1039481773L, view.at("/provenance/generation/seed").asLong(), view.toString());
        assertEquals("film_grain", view.at("/provenance/lineage/adapters/0/name").asText());
        String page = new String(api.get("/c/" + id, "Accept", "text/html").body(), StandardCharsets.UTF_8);
        assertTrue(page.contains("ink wash painting of a grey heron"), "the imported prompt is on the page");

        Answer verified = api.postRaw("/v1/verify", "image/png", Base64.getDecoder().decode(j.get("image").asText()));
        assertEquals("trusted", verified.json().get("status").asText(), verified.toString());
        assertTrue(verified.json().at("/unsignedMetadata/agreesWithSigned").toString().contains("generation.seed"),
                verified.json().at("/unsignedMetadata").toString());
    }

    @Test
    void aStampWithAThumbnailShowsItOnTheCredentialPage() {
        Answer a = api.postMultipart("/v1/stamp", List.of(Part.file("image", "a.jpg", "image/jpeg",
                image("baseline-420.jpg")), Part.json("provenance", example()), Part.json("options",
                "{\"thumbnail\":true}")), "Authorization", "Bearer " + stampKey);
        assertEquals(200, a.status(), a.toString());
        String id = a.header("Credential-Id");
        Answer thumbnail = api.get("/c/" + id + "/thumbnail.jpg");
        assertEquals(200, thumbnail.status());
        assertEquals("image/jpeg", thumbnail.contentType());
        assertEquals(0xFF, thumbnail.body()[0] & 0xFF);
        String page = new String(api.get("/c/" + id, "Accept", "text/html").body(), StandardCharsets.UTF_8);
        assertTrue(page.contains("/c/" + id + "/thumbnail.jpg"), "the page shows the thumbnail");
        assertEquals(service.base + "/c/" + id + "/thumbnail.jpg", api.get("/v1/credentials/" + id).json()
                .get("thumbnail").asText());

        // a metadata-only stamp decodes no pixel, so it has none unless asked
        Answer none = api.postMultipart("/v1/stamp", List.of(Part.file("image", "a.png", "image/png",
                image("rgb8.png")), Part.json("provenance", example()), Part.json("options",
                "{\"watermark\":false}")), "Authorization", "Bearer " + stampKey);
        assertEquals(200, none.status(), none.toString());
        assertEquals(404, api.get("/c/" + none.header("Credential-Id") + "/thumbnail.jpg").status());
    }

    @Test
    void optionsReachTheEngineAMarkedStampVerifies() {
        Answer marked = api.postMultipart("/v1/stamp", List.of(Part.file("image", "a.jpg", "image/jpeg",
                image("baseline-420.jpg")), Part.json("provenance", example()), Part.json("options",
                "{\"marker\":true}")), "Authorization", "Bearer " + stampKey);
        assertEquals(200, marked.status(), marked.toString());
        JsonNode r = api.postRaw("/v1/verify", "image/jpeg", marked.body()).json();
        assertEquals("trusted", r.get("status").asText(), r.toString());
        assertEquals(marked.header("Credential-Id"), r.at("/credential/id").asText());
        assertTrue(r.at("/summary/marker").isObject(), r.toString());
    }

    @Test
    void theStampedFileVerifiesTrustedAsRawBodyAndAsMultipart() {
        for (String name : List.of("rgb8.png", "baseline-420.jpg")) {
            String mediaType = name.endsWith(".png") ? "image/png" : "image/jpeg";
            Answer stamped = api.stamp(stampKey, image(name), mediaType, example());
            String id = stamped.header("Credential-Id");

            Answer raw = api.postRaw("/v1/verify", mediaType, stamped.body());
            Answer multipart = api.postMultipart("/v1/verify",
                    List.of(Part.file("image", "x", "application/octet-stream", stamped.body())));
            for (Answer a : List.of(raw, multipart)) {
                assertEquals(200, a.status(), a.toString());
                JsonNode r = a.json();
                assertEquals("trusted", r.get("status").asText(), r.toString());
                assertEquals(id, r.at("/credential/id").asText());
                assertEquals(service.base + "/c/" + id, r.at("/credential/url").asText());
                assertTrue(r.at("/credential/known").asBoolean());
                assertTrue(r.at("/credential/sameFile").asBoolean());
                assertEquals("mirelle.ink", r.at("/summary/provenance/creator/handle").asText());
                assertEquals(0, r.at("/validation/failure").size(), r.toString());
            }
        }
    }

    @Test
    void theServiceStampsAreAcceptedByTheReferenceVerifier(@TempDir Path out) throws IOException {
        Path anchors = out.resolve("anchors.pem");
        Files.writeString(anchors, api.get("/v1/trust/anchors").text());
        List<Path> files = new ArrayList<>();
        for (String name : List.of("rgb8.png", "progressive.jpg")) {
            Answer a = api.stamp(stampKey, image(name), name.endsWith("png") ? "image/png" : "image/jpeg", example());
            Path f = out.resolve("stamped-" + name);
            Files.write(f, a.body());
            files.add(f);
        }
        var verdicts = io.credmark.testing.ReferenceVerifier.create().withTrustAnchors(anchors).verify(files);
        for (var v : verdicts) {
            assertTrue(v.isTrusted(), v.toString());
        }
    }

    @Test
    void otherFilesVerifyAsWhatTheyAre() {
        Answer plain = api.postRaw("/v1/verify", "image/png", image("rgb8.png"));
        assertEquals("none", plain.json().get("status").asText());
        assertTrue(plain.json().path("credential").isMissingNode());

        // signed by c2pa-rs under a root this service does not trust
        Answer foreign = api.postRaw("/v1/verify", "image/jpeg",
                read("testdata/c2pa-fixtures/generated/signed-es256.jpg"));
        assertEquals(200, foreign.status(), foreign.toString());
        assertEquals("valid", foreign.json().get("status").asText(), foreign.toString());
        assertTrue(foreign.json().path("credential").isMissingNode());

        // a stamped file with one byte of the image changed
        Answer stamped = api.stamp(stampKey, image("rgb8.png"), "image/png", example());
        byte[] tampered = stamped.body().clone();
        tampered[tampered.length - 40] ^= 0x01;
        JsonNode r = api.postRaw("/v1/verify", "image/png", tampered).json();
        assertEquals("invalid", r.get("status").asText(), r.toString());
        assertEquals(stamped.header("Credential-Id"), r.at("/credential/id").asText());
        assertTrue(r.at("/credential/known").asBoolean());
        assertFalse(r.at("/credential/sameFile").asBoolean());
        assertTrue(r.at("/validation/failure").size() > 0, r.toString());
    }

    @Test
    void anImageThatAlreadyHasAManifestIsStampedOverIt() {
        Answer a = api.stamp(stampKey, read("testdata/c2pa-fixtures/generated/signed-es256.png"), "image/png",
                example());
        assertEquals(200, a.status(), a.toString());
        JsonNode r = api.postRaw("/v1/verify", "image/png", a.body()).json();
        assertEquals(a.header("Credential-Id"), r.at("/credential/id").asText(), r.toString());
        assertEquals(1, r.at("/summary/ingredients").size(), r.toString());
    }

    // --- authentication ------------------------------------------------------------------------------------------

    @Test
    void stampingNeedsAKnownKey() {
        Answer none = api.stamp(null, image("rgb8.png"), "image/png", example());
        assertProblem(none, 401, "unauthorized");
        assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"), none.toString());

        assertProblem(api.stamp("cmk_not-a-key", image("rgb8.png"), "image/png", example()), 401, "unauthorized");
        assertProblem(api.postMultipart("/v1/stamp", List.of(), "Authorization", "Basic dXNlcjpwYXNz"), 401,
                "unauthorized");
    }

    @Test
    void aRevokedKeyIsRefusedWith403() {
        String key = createKey("to-revoke", "stamp");
        assertEquals(200, api.stamp(key, image("rgb8.png"), "image/png", example()).status());

        Answer revoked = api.send("DELETE", "/v1/api-keys/to-revoke", new byte[0], "Authorization",
                "Bearer " + adminKey);
        assertEquals(200, revoked.status(), revoked.toString());
        assertTrue(revoked.json().has("revokedAt"));

        assertProblem(api.stamp(key, image("rgb8.png"), "image/png", example()), 403, "api-key-revoked");
    }

    @Test
    void adminRoutesNeedAnAdminKey() {
        assertProblem(api.get("/v1/api-keys"), 401, "unauthorized");
        assertProblem(api.get("/v1/api-keys", "Authorization", "Bearer " + stampKey), 403, "forbidden");
        assertProblem(api.postRaw("/v1/api-keys", "application/json", utf8("{\"name\":\"x\"}"), "Authorization",
                "Bearer " + stampKey), 403, "forbidden");

        Answer list = api.get("/v1/api-keys", "Authorization", "Bearer " + adminKey);
        assertEquals(200, list.status());
        Set<String> names = new HashSet<>();
        list.json().get("keys").forEach(k -> names.add(k.get("name").asText()));
        assertTrue(names.containsAll(Set.of("admin", "front-end")), names.toString());
        assertFalse(list.text().contains("cmk_"), "keys are never shown again");
    }

    @Test
    void keyCreationIsValidated() {
        String auth = "Bearer " + adminKey;
        createKey("dup-name", "stamp");
        assertProblem(api.postRaw("/v1/api-keys", "application/json", utf8("{\"name\":\"dup-name\"}"),
                "Authorization", auth), 409, "conflict");
        assertProblem(api.postRaw("/v1/api-keys", "application/json", utf8("{\"name\":\"Bad Name!\"}"),
                "Authorization", auth), 400, "bad-request");
        Answer unknown = api.postRaw("/v1/api-keys", "application/json", utf8("{\"name\":\"ok\",\"scope\":1}"),
                "Authorization", auth);
        assertProblem(unknown, 422, "invalid-document");
        assertEquals("scope", unknown.json().at("/errors/0/path").asText());
        assertProblem(api.postRaw("/v1/api-keys", "application/json", utf8("{\"name\":\"ok\",\"role\":\"root\"}"),
                "Authorization", auth), 422, "invalid-document");
        assertProblem(api.postRaw("/v1/api-keys", "application/json", utf8("{\"name\":"), "Authorization", auth),
                422, "invalid-document");
        assertProblem(api.send("DELETE", "/v1/api-keys/nobody", new byte[0], "Authorization", auth), 404,
                "not-found");
    }

    // --- errors ----------------------------------------------------------------------------------------------------

    @Test
    void unknownCredentialsAndRoutesAre404AndWrongMethods405() {
        String unknown = new CredentialId(0x0123456789abcdefL).text();
        assertProblem(api.get("/v1/credentials/" + unknown), 404, "not-found");
        assertProblem(api.get("/c/" + unknown), 404, "not-found");
        assertProblem(api.get("/v1/credentials/not-an-id"), 404, "not-found");
        assertProblem(api.get("/c/%3Cscript%3E"), 404, "not-found");
        assertProblem(api.get("/no/such/route"), 404, "not-found");
        assertProblem(api.postRaw("/no/such/route", "text/plain", utf8("x")), 404, "not-found");

        Answer wrong = api.get("/v1/stamp");
        assertProblem(wrong, 405, "method-not-allowed");
        assertEquals("POST", wrong.header("Allow"));
        assertProblem(api.send("PUT", "/v1/credentials/" + unknown, new byte[0]), 405, "method-not-allowed");
    }

    @Test
    void errorsOfTheHttpServerItselfAreProblemsToo() {
        Answer a = api.get("/healthz", "X-Padding", "a".repeat(20_000));
        assertEquals(431, a.status(), a.toString());
        assertEquals(PROBLEM, a.contentType());
        assertEquals(431, a.json().get("status").asInt());
        assertEquals(200, api.get("/healthz").status());
    }

    @Test
    void aTextFileIsNotAnImageWhateverItsContentType() {
        byte[] text = read("testdata/malformed/text-file-named.png");
        assertProblem(api.stamp(stampKey, text, "image/png", example()), 415, "unsupported-media-type");
        assertProblem(api.postRaw("/v1/verify", "image/png", text), 415, "unsupported-media-type");
        assertProblem(api.postRaw("/v1/stamp", "image/png", image("rgb8.png"), "Authorization",
                "Bearer " + stampKey), 415, "unsupported-media-type");
    }

    @Test
    void invalidProvenanceIs422NamingThePath() {
        ObjectNode p = (ObjectNode) readJson(example());
        ((ObjectNode) p.get("generation")).put("seed", "abc");
        ((ObjectNode) p.get("lineage").get("adapters").get(1)).put("weight", "heavy");
        Answer a = api.stamp(stampKey, image("rgb8.png"), "image/png", p.toString());
        assertProblem(a, 422, "invalid-document");
        JsonNode errors = a.json().get("errors");
        assertEquals(2, errors.size(), a.toString());
        assertEquals("provenance", errors.get(0).get("part").asText());
        assertEquals("generation.seed", errors.get(0).get("path").asText());
        assertEquals("lineage.adapters[1].weight", errors.get(1).get("path").asText());
        assertTrue(a.json().get("detail").asText().startsWith("provenance: generation.seed"), a.toString());

        assertProblem(api.stamp(stampKey, image("rgb8.png"), "image/png", "{\"creator\":"), 422,
                "invalid-document");
        Answer missing = api.stamp(stampKey, image("rgb8.png"), "image/png", "{\"creator\":{\"handle\":\"a\"}}");
        assertProblem(missing, 422, "invalid-document");
        assertEquals("model", missing.json().at("/errors/0/path").asText());
    }

    @Test
    void unknownOptionsAreRefusedAndMissingPartsAre400() {
        Answer options = api.postMultipart("/v1/stamp", List.of(Part.file("image", "a.png", "image/png",
                image("rgb8.png")), Part.json("provenance", example()), Part.json("options", "{\"sparkle\":true}")),
                "Authorization", "Bearer " + stampKey);
        assertProblem(options, 422, "invalid-document");
        assertEquals("options.sparkle", options.json().at("/errors/0/path").asText());
        Answer badMarker = api.postMultipart("/v1/stamp", List.of(Part.file("image", "a.png", "image/png",
                image("rgb8.png")), Part.json("provenance", example()), Part.json("options",
                "{\"marker\":{\"size\":\"big\"}}")), "Authorization", "Bearer " + stampKey);
        assertProblem(badMarker, 422, "invalid-document");
        assertEquals("options.marker.size", badMarker.json().at("/errors/0/path").asText());
        assertProblem(api.postMultipart("/v1/stamp", List.of(Part.file("image", "a.png", "image/png",
                image("rgb8.png")), Part.json("provenance", example()), Part.json("options", "{\"a\":1,\"a\":2}")),
                "Authorization", "Bearer " + stampKey), 422, "invalid-document");

        Answer empty = api.postMultipart("/v1/stamp", List.of(Part.file("image", "a.png", "image/png",
                image("rgb8.png")), Part.json("provenance", example()), Part.json("options", "{}")),
                "Authorization", "Bearer " + stampKey);
        assertEquals(200, empty.status(), empty.toString());

        assertProblem(api.postMultipart("/v1/stamp", List.of(Part.json("provenance", example())), "Authorization",
                "Bearer " + stampKey), 400, "bad-request");
        assertProblem(api.postMultipart("/v1/stamp", List.of(Part.file("image", "a.png", "image/png",
                image("rgb8.png")), Part.json("provenance", example()), Part.json("extra", "{}")), "Authorization",
                "Bearer " + stampKey), 400, "bad-request");
        assertProblem(api.postRaw("/v1/verify", "multipart/form-data; boundary=nothing-here", utf8("garbage")), 400,
                "bad-request");
    }

    @Test
    void tooManyPixelsIs422BeforeAnythingIsDecoded() {
        byte[] bomb = read("testdata/malformed/png-ihdr-100000x100000.png");
        Answer stamp = api.stamp(stampKey, bomb, "image/png", example());
        assertProblem(stamp, 422, "pixel-limit");
        assertTrue(stamp.json().get("detail").asText().contains("100000x100000"), stamp.toString());
        assertProblem(api.postRaw("/v1/verify", "image/png", bomb), 422, "pixel-limit");
        assertProblem(api.postRaw("/v1/verify", "image/jpeg", read("testdata/malformed/jpeg-sof-65535x65535.jpg")),
                422, "pixel-limit");
    }

    @Test
    void uploadsOverTheConfiguredLimitAre413(@TempDir Path other) {
        try (TestService small = TestService.start(other, service.databaseUrl, Map.of("limits.max-bytes", "20000",
                "limits.max-upload-bytes", "20000"))) {
            ApiClient client = small.client();
            byte[] image = image("rgb8.png");
            assertTrue(image.length > 20000);
            Answer stamp = client.stamp(stampKey, image, "image/png", example());
            assertProblem(stamp, 413, "content-too-large");
            assertEquals(20000, stamp.json().get("limit").asInt());
            assertProblem(client.postRaw("/v1/verify", "image/png", image), 413, "content-too-large");
            assertProblem(client.postChunked("/v1/verify", "image/png", image), 413, "content-too-large");
            assertProblem(client.postMultipart("/v1/verify", List.of(Part.file("image", "a.png", "image/png", image))),
                    413, "content-too-large");

            // declared larger than the route takes: refused before the body is read, and not waited for
            Answer early = client.headOnly("/v1/verify", "image/png", 4_000_000);
            assertProblem(early, 413, "content-too-large");
            assertEquals("close", early.header("Connection"));
            assertEquals(200, client.get("/healthz").status());
            assertEquals(200, client.postRaw("/v1/verify", "image/jpeg", image("grayscale.jpg")).status());
        }
    }

    @Test
    void aChunkedMultipartBodyOverTheLimitIs413(@TempDir Path other) {
        try (TestService small = TestService.start(other, service.databaseUrl, Map.of("limits.max-bytes", "20000",
                "limits.max-upload-bytes", "20000"))) {
            // larger than the route's whole multipart limit (image, evidence and headers), not only the image's
            byte[] body = ApiClient.multipart(List.of(Part.file("image", "a.png", "image/png", new byte[4 << 20])));
            Answer answer = small.client().postChunked("/v1/verify", "multipart/form-data; boundary="
                    + ApiClient.BOUNDARY, body);
            assertProblem(answer, 413, "content-too-large");
            byte[] damaged = "--x\r\nno headers end here".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertProblem(small.client().postChunked("/v1/verify", "multipart/form-data; boundary=x", damaged), 400,
                    "bad-request");
        }
    }

    @Test
    void theMalformedCorpusNeverCausesA5xx() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("testdata/malformed"))) {
            files = s.filter(f -> !f.getFileName().toString().equals("README.md")
                    && !f.getFileName().toString().equals("make.py")).sorted().toList();
        }
        assertTrue(files.size() >= 18, "the corpus is there: " + files);
        List<String> outcomes = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            String type = f.toString().endsWith(".jpg") ? "image/jpeg" : "image/png";
            Answer stamp = api.stamp(stampKey, bytes, type, example());
            Answer raw = api.postRaw("/v1/verify", type, bytes);
            Answer multipart = api.postMultipart("/v1/verify", List.of(Part.file("image", f.getFileName().toString(),
                    type, bytes)));
            for (Answer a : List.of(stamp, raw, multipart)) {
                assertTrue(a.status() < 500, f + ": " + a);
                if (a.status() >= 400) {
                    assertEquals(PROBLEM, a.contentType(), f + ": " + a);
                    assertFalse(a.json().get("detail").asText().isBlank());
                }
            }
            outcomes.add(f.getFileName() + " stamp " + stamp.status() + " verify " + raw.status());
            assertEquals(200, api.get("/healthz").status(), "after " + f);
        }
        System.out.println("malformed corpus: " + outcomes);
    }

    @Test
    void afterAnErrorAnswerTheClientCanGoOn() {
        // each failure, then an ordinary request on the same client: a connection that the server closes must have
        // been announced as closing, or the client reuses it and fails
        List<java.util.function.Supplier<Answer>> failures = List.of(
                () -> api.postRaw("/v1/verify", "multipart/form-data; boundary=nothing-here", utf8("garbage")),
                () -> api.stamp(null, image("rgb8.png"), "image/png", example()),
                () -> api.stamp(stampKey, read("testdata/malformed/text-file-named.png"), "image/png", example()),
                () -> api.postRaw("/v1/verify", "image/png", read("testdata/malformed/png-ihdr-100000x100000.png")),
                () -> api.postMultipart("/v1/stamp", List.of(Part.json("nope", "{}")), "Authorization",
                        "Bearer " + stampKey),
                () -> api.postRaw("/v1/api-keys", "application/json", utf8("{\"name\":"), "Authorization",
                        "Bearer " + adminKey));
        for (int round = 0; round < 15; round++) {
            for (var failure : failures) {
                assertTrue(failure.get().status() >= 400);
                assertEquals(200, api.postRaw("/v1/verify", "image/png", image("rgb8.png")).status());
            }
        }
    }

    @Test
    void aFailedStampLeavesNoRecord() {
        CredentialStore records = service.node.credentials();
        long before = records.count();
        byte[] bad = read("testdata/malformed/png-truncated-mid-idat.png");
        assertTrue(api.stamp(stampKey, bad, "image/png", example()).status() >= 400);
        assertTrue(api.stamp(stampKey, read("testdata/malformed/png-two-cabx.png"), "image/png", example())
                .status() >= 400);
        assertTrue(api.stamp(stampKey, image("rgb8.png"), "image/png", "{}").status() >= 400);
        assertTrue(api.stamp(null, image("rgb8.png"), "image/png", example()).status() >= 400);
        assertEquals(before, records.count());
    }

    @Test
    void whenTheRecordCannotBeCommittedNoImageIsReturned(@TempDir Path other) {
        try (TestService broken = TestService.start(other, service.databaseUrl, Map.of())) {
            broken.node.database().close();
            Answer a = broken.client().stamp(stampKey, image("rgb8.png"), "image/png", example());
            assertProblem(a, 503, "service-unavailable");
            assertNull(a.header("Credential-Id"));
            assertProblem(broken.client().get("/healthz"), 503, "service-unavailable");
        }
    }

    @Test
    void concurrentStampsEachGetTheirOwnRecord() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String name = i % 2 == 0 ? "rgb8.png" : "baseline-420.jpg";
                answers.add(pool.submit(() -> api.stamp(stampKey, image(name),
                        name.endsWith("png") ? "image/png" : "image/jpeg", example())));
            }
            Set<String> ids = new HashSet<>();
            for (Future<Answer> f : answers) {
                Answer a = f.get();
                assertEquals(200, a.status(), a.toString());
                ids.add(a.header("Credential-Id"));
                assertEquals(sha256(a.body()), api.get("/v1/credentials/" + a.header("Credential-Id")).json()
                        .get("sha256").asText());
            }
            assertEquals(16, ids.size());
        } finally {
            pool.shutdownNow();
        }
    }

    // --- several nodes -------------------------------------------------------------------------------------------

    @Test
    void twoNodesOnOneDatabaseAgree() {
        // nodes share the database and the signing configuration (here: the data directory's development CA)
        try (TestService second = TestService.start(service.dataDir, service.databaseUrl, Map.of())) {
            assertNull(second.adminKey, "the admin key is created once per database, not per node");
            ApiClient other = second.client();

            Answer stamped = api.stamp(stampKey, image("rgb8.png"), "image/png", example());
            String id = stamped.header("Credential-Id");
            assertEquals(sha256(stamped.body()), other.get("/v1/credentials/" + id).json().get("sha256").asText());
            JsonNode report = other.postRaw("/v1/verify", "image/png", stamped.body()).json();
            assertEquals("trusted", report.get("status").asText(), report.toString());
            assertTrue(report.at("/credential/known").asBoolean() && report.at("/credential/sameFile").asBoolean());

            String key = createKey("shared-node-key", "stamp");
            Answer onSecond = other.stamp(key, image("baseline-420.jpg"), "image/jpeg", example());
            assertEquals(200, onSecond.status(), onSecond.toString());
            assertEquals(200, api.get("/v1/credentials/" + onSecond.header("Credential-Id")).status());

            assertEquals(200, other.send("DELETE", "/v1/api-keys/shared-node-key", new byte[0], "Authorization",
                    "Bearer " + adminKey).status());
            assertProblem(api.stamp(key, image("rgb8.png"), "image/png", example()), 403, "api-key-revoked");
        }
    }

    // --- the credential page -------------------------------------------------------------------------------------

    @Test
    void theCredentialPageEscapesEveryValue() throws Exception {
        ObjectNode p = (ObjectNode) readJson(example());
        ((ObjectNode) p.get("generation")).put("prompt", "</dd><script>alert(\"x\")</script> & 'q'");
        ((ObjectNode) p.get("creator")).put("displayName", "\"><img src=x onerror=alert(1)>");
        ((ObjectNode) p.get("generation").get("extra")).put("<b>key</b>", "<i>value</i>");
        Answer stamped = api.stamp(stampKey, image("rgb8.png"), "image/png", p.toString());
        assertEquals(200, stamped.status(), stamped.toString());
        String id = stamped.header("Credential-Id");

        Answer page = api.get("/c/" + id);
        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.contentType().toLowerCase(java.util.Locale.ROOT)
                .replace("text/html;charset", "text/html; charset"));
        String html = page.text();
        assertTrue(html.contains("&lt;/dd&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"),
                html);
        assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(html.contains("&lt;b&gt;key&lt;/b&gt;") && html.contains("&lt;i&gt;value&lt;/i&gt;"));
        assertEquals(html.contains("/thumbnail.jpg\"") ? 1 : 0, count(html, "<img"), "only the claim thumbnail");
        assertFalse(html.contains("<b>") || html.contains("<i>"));
        assertEquals(1, count(html, "<script"), "only the page's own script");

        // what a phone needs, and what the issue lists
        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        for (String label : List.of("Creator", "Model", "Generation parameters", "Lineage", "Usage terms",
                "Signed by", "Signed on", "Check an image", "Inkwash XL", "mirelle.ink", "CreativeML Open RAIL++-M",
                "Stable Diffusion XL Base", "DPM++ 2M", "credmark development")) {
            assertTrue(html.contains(Html.escape(label)), label);
        }
        assertTrue(html.contains("action=\"/v1/verify?via=page\""), "counted as the page's verification");
        assertTrue(html.contains("data-credential=\"" + id + "\""));

        // the inline script is exactly the one the Content-Security-Policy allows; the style is the site's sheet
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertTrue(csp.contains("script-src 'sha256-" + inlineHash(html, "script") + "'"), csp);
        assertTrue(csp.contains("style-src 'self'"), csp);
        assertFalse(html.contains("<style"), "no inline style");
    }

    // --- operations ------------------------------------------------------------------------------------------------

    @Test
    void healthTrustAnchorsAndProblemPages() {
        Answer health = api.get("/healthz");
        assertEquals(200, health.status());
        assertEquals("ok", health.json().get("status").asText());
        assertEquals(database() == TestDatabase.H2 ? "h2" : "postgresql", health.json().get("database").asText());

        Answer anchors = api.get("/v1/trust/anchors");
        assertEquals(200, anchors.status());
        assertEquals("application/pem-certificate-chain", anchors.contentType());
        // three named sets: C2PA anchors (credmark's root first), the creator-identity root, the TSA chain
        List<java.security.cert.X509Certificate> all = TrustAnchors.fromPemText(anchors.text(), "anchors")
                .certificates();
        assertEquals(service.node.engine().developmentCa().root(), all.get(0));
        assertTrue(all.contains(service.node.engine().identityCa().root()));
        assertTrue(all.containsAll(service.node.engine().timeStampAuthority().chain()));
        assertTrue(anchors.text().contains("# cawg: credmark's creator-identity root"), anchors.text());
        List<java.security.cert.X509Certificate> cawg = TrustAnchors.fromPemText(
                api.get("/v1/trust/anchors?set=cawg").text(), "cawg").certificates();
        assertEquals(List.of(service.node.engine().identityCa().root()), cawg);
        assertFalse(TrustAnchors.fromPemText(api.get("/v1/trust/anchors?set=c2pa").text(), "c2pa").certificates()
                .contains(service.node.engine().identityCa().root()), "the identity root is never a C2PA anchor");
        assertEquals(400, api.get("/v1/trust/anchors?set=nope").status());

        Answer type = api.get("/problems/pixel-limit");
        assertEquals(200, type.status());
        assertTrue(type.text().contains("Too many pixels"));
        assertProblem(api.get("/problems/nope"), 404, "not-found");
    }

    @Test
    void metricsCountRequestsStampsAndVerifications() {
        String notFound = "credmark_http_requests_total{method=\"GET\",route=\"/v1/credentials/{id}\",status=\"404\"}";
        String verify200 = "credmark_http_requests_total{method=\"POST\",route=\"/v1/verify\",status=\"200\"}";
        String unmatched = "credmark_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}";
        String stamps = "credmark_stamps_total{media_type=\"image/png\"}";
        String trusted = "credmark_verifications_total{status=\"trusted\"}";
        String before = api.get("/metrics").text();

        api.get("/v1/credentials/" + new CredentialId(7).text());
        api.get("/v1/nothing-here");
        Answer stamped = api.stamp(stampKey, image("rgb8.png"), "image/png", example());
        api.postRaw("/v1/verify", "image/png", stamped.body());

        Answer metrics = api.get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.contentType().startsWith("text/plain; version=0.0.4"), metrics.contentType());
        String after = metrics.text();
        assertEquals(value(before, notFound) + 1, value(after, notFound), after);
        assertEquals(value(before, verify200) + 1, value(after, verify200), after);
        assertEquals(value(before, unmatched) + 1, value(after, unmatched), after);
        assertEquals(value(before, stamps) + 1, value(after, stamps), after);
        assertEquals(value(before, trusted) + 1, value(after, trusted), after);
        assertTrue(after.contains("# TYPE credmark_http_request_duration_seconds histogram"));
        long count = value(after, "credmark_http_request_duration_seconds_count{method=\"POST\",route=\"/v1/stamp\"}");
        long inf = value(after,
                "credmark_http_request_duration_seconds_bucket{method=\"POST\",route=\"/v1/stamp\",le=\"+Inf\"}");
        assertTrue(count >= 1 && count == inf, after);
        assertFalse(after.contains("/v1/nothing-here"), "raw paths never become labels");
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private String createKey(String name, String role) {
        Answer a = api.postRaw("/v1/api-keys", "application/json",
                utf8("{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}"), "Authorization", "Bearer " + adminKey);
        assertEquals(201, a.status(), a.toString());
        assertEquals("/v1/api-keys/" + name, a.header("Location"));
        return a.json().get("key").asText();
    }

    static void assertProblem(Answer a, int status, String type) {
        assertEquals(status, a.status(), a.toString());
        assertEquals(PROBLEM, a.contentType(), a.toString());
        JsonNode p = a.json();
        assertTrue(p.get("type").asText().endsWith("/problems/" + type), a.toString());
        assertEquals(status, p.get("status").asInt(), a.toString());
        assertFalse(p.get("title").asText().isBlank());
        assertFalse(p.get("detail").asText().isBlank());
    }

    private static long value(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return (long) Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static String inlineHash(String html, String tag) throws Exception {
        Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), tag);
        return Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static String example() {
        return new String(read("testdata/provenance/example.json"), StandardCharsets.UTF_8);
    }

    static byte[] image(String name) {
        return read("testdata/images/" + name);
    }

    static byte[] read(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
