package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.bytes.Sha256;
import io.credmark.credential.CredentialId;
import io.credmark.credential.SignerName;
import io.credmark.credential.WatermarkPayload;
import io.credmark.http.ApiClient.Answer;
import io.credmark.http.ApiClient.Part;
import io.credmark.bench.Attacks;
import io.credmark.c2pa.assertion.Action;
import io.credmark.c2pa.assertion.ActionsAssertion;
import io.credmark.c2pa.assertion.CredmarkAssertion;
import io.credmark.c2pa.assertion.DigitalSourceType;
import io.credmark.c2pa.claim.ClaimWriter;
import io.credmark.c2pa.sign.ManifestBuilder;
import io.credmark.container.AssetHandlers;
import io.credmark.container.EmbeddingPlan;
import io.credmark.disclosure.Commitments;
import io.credmark.disclosure.Disclosure;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.pixels.watermark.Watermarker;
import io.credmark.pki.KeyType;
import io.credmark.credential.CredentialRef;
import io.credmark.issuance.StampRequest;
import io.credmark.issuance.StampResult;
import io.credmark.store.CommitmentRecord;
import io.credmark.store.CredentialRecord;
import io.credmark.store.CredentialStore;
import io.credmark.store.DuplicateKeyException;
import io.credmark.store.StampArtifacts;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.TestInstallation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invisible watermark end to end over HTTP on a real database: stamped by default, signed into the manifest,
 * read back by {@code POST /v1/verify} when the metadata is gone (credential recovered) and checked against a valid
 * manifest (a manifest signed anew over someone else's image is caught). The subclasses run it on H2 and PostgreSQL.
 */
abstract class WatermarkContract extends ServiceContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHOTO = "testdata/watermark/heldout/photo-mate-dune-1024x1024.jpg";
    private static final String ART = "testdata/watermark/heldout/art-kde-volna-768x768.jpg";

    @Test
    void aDefaultStampCarriesTheCredentialsWatermarkAndStaysTrustedInC2paRs() throws IOException {
        List<Path> files = new ArrayList<>();
        for (byte[] input : List.of(read(PHOTO), png(read(ART)))) {
            String type = isPng(input) ? "image/png" : "image/jpeg";
            Answer stamped = api.stamp(stampKey, input, type, provenance("wren.studio", "a wren on a wire"),
                    "Accept", "application/json");
            assertEquals(200, stamped.status(), stamped.toString());
            JsonNode answer = stamped.json();
            String id = answer.get("id").asText();
            String payload = WatermarkPayload.hex(WatermarkPayload.of(CredentialId.parse(id).orElseThrow()));
            assertTrue(answer.at("/watermark/embedded").asBoolean(), answer.toString());
            assertEquals(payload, answer.at("/watermark/payloadId").asText());

            byte[] file = java.util.Base64.getDecoder().decode(answer.get("image").asText());
            JsonNode report = api.postRaw("/v1/verify", type, file).json();
            assertEquals("trusted", report.get("status").asText(), report.toString());
            JsonNode recorded = report.at("/summary/watermark");
            assertEquals("io.credmark.watermark.pss", recorded.get("algorithm").asText());
            assertEquals(1, recorded.get("version").asInt());
            assertEquals(payload, recorded.get("payloadId").asText());
            // neither a watermarked action nor a soft binding: c2pa-rs would fail both (see docs/watermark.md)
            assertFalse(report.at("/summary/assertions").toString().contains("c2pa.soft-binding"));
            assertFalse(report.at("/summary/actions").toString().contains("c2pa.watermarked"));
            assertEquals("issued-file", report.at("/watermark/checked").asText());
            assertTrue(report.at("/watermark/present").asBoolean());
            assertTrue(report.at("/watermark/agrees").asBoolean());
            Path out = directory.resolve("stamped-" + files.size() + (isPng(input) ? ".png" : ".jpg"));
            Files.write(out, file);
            files.add(out);
        }
        Path anchors = directory.resolve("anchors.pem");
        Files.writeString(anchors, api.get("/v1/trust/anchors").text());
        for (ReferenceVerdict v : ReferenceVerifier.create().withTrustAnchors(anchors).verify(files)) {
            assertTrue(v.isTrusted() && v.failureCodes().isEmpty(), v.summary());
        }
    }

    @Test
    void aCopyWithoutMetadataLeadsBackToItsCredentialAfterCommonChanges() {
        Answer stamped = api.stamp(stampKey, read(PHOTO), "image/jpeg", provenance("kestrel.lab", "a kestrel"));
        assertEquals(200, stamped.status(), stamped.toString());
        String id = stamped.header("Credential-Id");
        BufferedImage pixels = Attacks.decode(stamped.body());
        Map<String, byte[]> copies = new java.util.LinkedHashMap<>();
        copies.put("metadata stripped (PNG)", Attacks.encodePng(pixels));
        copies.put("metadata stripped (JPEG 90)", Attacks.encodeJpeg(pixels, 90));
        for (Attacks.Attack a : Attacks.singles()) {
            if (List.of("social", "crop80", "resize0.75-bicubic", "jpeg75", "screenshot").contains(a.name())) {
                copies.put(a.name(), Attacks.encodePng(a.apply(pixels, 7)));
            }
        }
        for (Map.Entry<String, byte[]> copy : copies.entrySet()) {
            String type = isPng(copy.getValue()) ? "image/png" : "image/jpeg";
            Answer verified = api.postRaw("/v1/verify", type, copy.getValue());
            assertEquals(200, verified.status(), verified.toString());
            JsonNode r = verified.json();
            assertEquals("recovered", r.get("status").asText(), copy.getKey() + ": " + r);
            assertEquals(id, r.at("/credential/id").asText(), copy.getKey());
            assertEquals(id, r.at("/recovered/id").asText(), copy.getKey());
            assertEquals(id, r.at("/watermark/credential/id").asText(), copy.getKey());
            assertEquals("pixels", r.at("/watermark/checked").asText());
            assertEquals("kestrel.lab", r.at("/recovered/provenance/creator/handle").asText());
            assertTrue(r.at("/recovered/notice").asText().contains("may have been changed"), r.toString());
            assertTrue(r.get("message").asText().contains("may have been changed"), r.toString());
        }
    }

    @Test
    void anImageNeverStampedIsNotRecovered() {
        JsonNode r = api.postRaw("/v1/verify", "image/jpeg", read(PHOTO)).json();
        assertEquals("none", r.get("status").asText(), r.toString());
        assertEquals("pixels", r.at("/watermark/checked").asText());
        assertFalse(r.at("/watermark/present").asBoolean());
        assertTrue(r.at("/recovered").isMissingNode());
    }

    /**
     * Someone strips a credmark image and signs it as their own: the manifest is valid (their signature is real),
     * but the pixels carry the watermark of the original credential, which the report names.
     */
    @Test
    void aManifestSignedAnewOverSomeoneElsesWatermarkedImageIsCaught(@TempDir Path other) {
        Answer original = api.stamp(stampKey, read(ART), "image/jpeg", provenance("heron.atelier", "a heron"));
        assertEquals(200, original.status(), original.toString());
        byte[] stripped = Attacks.encodeJpeg(Attacks.decode(original.body()), 92);
        TestInstallation thief = TestInstallation.in(other.resolve("data"));
        StampResult resigned = thief.credmark().stamping().stamp(StampRequest.of(stripped,
                TestInstallation.exampleProvenance()));
        JsonNode r = api.postRaw("/v1/verify", "image/jpeg", resigned.toByteArray()).json();
        assertEquals("valid", r.get("status").asText(), "signed by an issuer the service does not trust: " + r);
        assertTrue(r.at("/watermark/present").asBoolean(), r.toString());
        assertFalse(r.at("/watermark/agrees").asBoolean(), r.toString());
        assertEquals(original.header("Credential-Id"), r.at("/watermark/credential/id").asText());
        assertTrue(r.at("/watermark/message").asText().contains("signed again"), r.toString());
        assertTrue(r.at("/recovered").isMissingNode(), "a valid manifest speaks for itself");
    }

    /**
     * Another installation signs a copy naming one of this installation's credential ids with its own link: the
     * report must not present that credential as this manifest's, nor repeat the foreign link.
     */
    @Test
    void aForeignManifestNamingOneOfOurCredentialsIsNotReportedAsOurs(@TempDir Path other) {
        Answer original = api.stamp(stampKey, read(ART), "image/jpeg", provenance("heron.atelier", "a heron"));
        String id = original.header("Credential-Id");
        byte[] stripped = Attacks.encodeJpeg(Attacks.decode(original.body()), 92);
        TestInstallation thief = TestInstallation.in(other.resolve("data"));
        StampResult forged = thief.credmark().stamping().stamp(new StampRequest(stripped,
                TestInstallation.exampleProvenance(),
                Optional.of(new CredentialRef(id, "https://evil.example/c/" + id)), Optional.empty()));
        Answer verified = api.postRaw("/v1/verify", "image/jpeg", forged.toByteArray());
        JsonNode r = verified.json();
        assertEquals("valid", r.get("status").asText(), r.toString());
        assertFalse(verified.text().contains("evil.example"), r.toString());
        assertTrue(r.path("credential").isMissingNode() || !r.at("/credential/known").asBoolean(), r.toString());
        assertEquals(id, r.at("/watermark/credential/id").asText(), "the watermark still names the original");
    }

    /**
     * Another installation signs a copy with our manifest's very label, naming our credential, its watermark and a
     * link of its own: a label is only a name, so the report must still not present the credential as this
     * manifest's, nor say the watermark agrees with it.
     */
    @Test
    void aForeignManifestCopyingOurManifestLabelIsNotReportedAsOurs(@TempDir Path other)
            throws GeneralSecurityException {
        Answer original = api.stamp(stampKey, read(ART), "image/jpeg", provenance("heron.atelier", "a heron"));
        String id = original.header("Credential-Id");
        String label = api.postRaw("/v1/verify", "image/jpeg", original.body()).json().get("activeManifest").asText();
        byte[] stripped = Attacks.encodeJpeg(Attacks.decode(original.body()), 92);
        TestInstallation thief = TestInstallation.in(other.resolve("data"));
        Commitments commitments = Commitments.create(TestInstallation.exampleProvenance(), DisclosurePolicy.ALL_PUBLIC,
                new SecureRandom());
        ObjectNode credential = JSON.createObjectNode().put("id", id).put("url", "https://evil.example/c/" + id);
        ObjectNode watermark = JSON.createObjectNode().put("algorithm", Watermarker.ALGORITHM)
                .put("version", Watermarker.VERSION).put("payloadId",
                        WatermarkPayload.hex(WatermarkPayload.of(CredentialId.parse(id).orElseThrow())));
        ManifestBuilder builder = new ManifestBuilder(new ClaimWriter.GeneratorInfo("credmark", "1"),
                new SecureRandom(), label);
        builder.add(ActionsAssertion.LABEL, ActionsAssertion.encode(List.of(new Action(Action.CREATED,
                DigitalSourceType.TRAINED_ALGORITHMIC_MEDIA, null, null, List.of(), null))));
        builder.add(CredmarkAssertion.LABEL, CredmarkAssertion.encode(new CredmarkAssertion.Content(credential,
                commitments.identity(), Commitments.DIGEST_ALG, commitments.digests(),
                commitments.embedded().stream().map(Disclosure::encoded).toList(), null, watermark)));
        byte[] forged = builder.sign(EmbeddingPlan.replacingStores(AssetHandlers.read(stripped)),
                thief.credmark().signer()).toByteArray();

        Answer verified = api.postRaw("/v1/verify", "image/jpeg", forged);
        JsonNode r = verified.json();
        assertEquals("valid", r.get("status").asText(), r.toString());
        assertEquals(label, r.get("activeManifest").asText(), "the forgery carries our label");
        assertFalse(verified.text().contains("evil.example"), r.toString());
        assertTrue(r.path("credential").isMissingNode(), r.toString());
        assertEquals(id, r.at("/watermark/credential/id").asText(), "the watermark still names the original");
        assertFalse(r.at("/watermark/agrees").asBoolean(true), r.toString());
    }

    /** Credentials issued before a signer rotation keep the signer they were issued with, and still match it. */
    @Test
    void aCredentialIssuedBeforeASignerRotationIsStillOurs() throws Exception {
        Answer before = api.stamp(stampKey, read(PHOTO), "image/jpeg", provenance("ibis.works", "an ibis"));
        assertEquals(200, before.status(), before.toString());
        X509Certificate rotated = service.node.engine().developmentCa().rotateSigner(KeyType.EC_P256,
                Duration.ofDays(30)).leaf();
        Answer after = api.stamp(stampKey, read(PHOTO), "image/jpeg", provenance("ibis.works", "an ibis"));
        assertEquals(200, after.status(), after.toString());
        // without a restart, the new credential names the certificate that signed it
        JsonNode view = api.get("/v1/credentials/" + after.header("Credential-Id")).json();
        SignerName named = SignerName.of(rotated);
        assertEquals(named.commonName(), view.at("/signer/commonName").asText(), view.toString());
        assertEquals(named.issuer(), view.at("/signer/issuer").asText(), view.toString());
        assertEquals(Optional.of(Sha256.hex(rotated.getEncoded())), service.node.credentials().issued(CredentialId
                .parse(after.header("Credential-Id")).orElseThrow().value()).orElseThrow().signerSha256());
        JsonNode old = api.postRaw("/v1/verify", "image/jpeg", before.body()).json();
        JsonNode renewed = api.postRaw("/v1/verify", "image/jpeg", after.body()).json();
        assertTrue(!old.at("/summary/signer/certificateSha256").asText().isEmpty()
                && !old.at("/summary/signer/certificateSha256").equals(renewed.at("/summary/signer/certificateSha256")),
                "the signer was rotated: " + old.at("/summary/signer") + " " + renewed.at("/summary/signer"));
        for (JsonNode r : List.of(old, renewed)) {
            assertTrue(r.at("/credential/known").asBoolean(), r.toString());
            assertTrue(r.at("/watermark/agrees").asBoolean(), r.toString());
        }
        assertEquals(before.header("Credential-Id"), old.at("/credential/id").asText());
    }

    @Test
    void aPrivateFieldStaysHiddenInARecoveredCredential() throws IOException {
        ObjectNode options = (ObjectNode) JSON.readTree("{\"disclosure\":{\"generation.prompt\":\"private\"}}");
        String prompt = "a lynx under a paper moon";
        Answer stamped = api.postMultipart("/v1/stamp", List.of(Part.file("image", "in.jpg", "image/jpeg", read(PHOTO)),
                Part.json("provenance", provenance("lynx.works", prompt)), Part.json("options", options.toString())),
                "Authorization", "Bearer " + stampKey);
        assertEquals(200, stamped.status(), stamped.toString());
        Answer verified = api.postRaw("/v1/verify", "image/png", Attacks.encodePng(Attacks.decode(stamped.body())));
        assertEquals("recovered", verified.json().get("status").asText(), verified.toString());
        assertFalse(verified.text().contains(prompt), verified.text());
        assertEquals("lynx.works", verified.json().at("/recovered/provenance/creator/handle").asText());
    }

    @Test
    void imagesThatCannotCarryTheWatermarkAreStampedWithoutAndSayWhy() throws IOException {
        BufferedImage indexed = new BufferedImage(512, 512, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.createGraphics().drawImage(Attacks.decode(read(ART)), 0, 0, null);
        byte[] palettePng = Attacks.encodePng(indexed);
        Answer palette = api.stamp(stampKey, palettePng, "image/png",
                provenance("finch.co", "a finch"), "Accept", "application/json");
        assertEquals(200, palette.status(), palette.toString());
        assertFalse(palette.json().at("/watermark/embedded").asBoolean(true), palette.text());
        assertTrue(palette.json().at("/watermark/reason").asText().contains("palette"), palette.text());

        BufferedImage small = new BufferedImage(400, 225, BufferedImage.TYPE_INT_RGB);
        Answer tiny = api.stamp(stampKey, Attacks.encodePng(small), "image/png", provenance("finch.co", "a finch"),
                "Accept", "application/json");
        assertEquals(200, tiny.status(), tiny.toString());
        assertFalse(tiny.json().at("/watermark/embedded").asBoolean(true), tiny.text());
        assertTrue(tiny.json().at("/watermark/reason").asText().contains("smaller than 256"), tiny.text());

        Answer required = api.postMultipart("/v1/stamp", List.of(
                Part.file("image", "in.png", "image/png", palettePng),
                Part.json("provenance", provenance("finch.co", "a finch")),
                Part.json("options", "{\"watermark\":true}")), "Authorization", "Bearer " + stampKey);
        assertEquals(422, required.status(), required.toString());
        assertEquals(ApiContract.PROBLEM, required.contentType());
        assertTrue(required.text().contains("options.watermark"), required.text());

        Answer off = api.postMultipart("/v1/stamp", List.of(Part.file("image", "in.jpg", "image/jpeg", read(PHOTO)),
                Part.json("provenance", provenance("finch.co", "a finch")), Part.json("options", "{\"watermark\":false}")),
                "Authorization", "Bearer " + stampKey, "Accept", "application/json");
        assertEquals(200, off.status(), off.toString());
        assertTrue(off.json().at("/watermark").isMissingNode(), off.text());
        byte[] offFile = java.util.Base64.getDecoder().decode(off.json().get("image").asText());
        JsonNode strippedOff = api.postRaw("/v1/verify", "image/png", Attacks.encodePng(Attacks.decode(offFile)))
                .json();
        assertEquals("none", strippedOff.get("status").asText(), "no watermark, nothing to recover");

        Answer bad = api.postMultipart("/v1/stamp", List.of(Part.file("image", "in.jpg", "image/jpeg", read(PHOTO)),
                Part.json("provenance", provenance("finch.co", "a finch")), Part.json("options", "{\"watermark\":3}")),
                "Authorization", "Bearer " + stampKey);
        assertEquals(422, bad.status(), bad.toString());
        assertTrue(bad.text().contains("options.watermark"), bad.text());
    }

    /** A watermark leads to one credential: the store refuses a second record with the same watermark id. */
    @Test
    void aWatermarkIdIsUniqueInTheStore() {
        CredentialStore repository = service.node.credentials();
        Random random = new Random(42);
        long watermarkId = random.nextLong() >>> 16;
        for (int i = 0; i < 2; i++) {
            long id = random.nextLong();
            CredentialRecord record = new CredentialRecord(id, "urn:c2pa:" + id, "image/png", "00".repeat(32), "h",
                    "m", "{}", null, null, null, "front-end", Instant.parse("2026-01-01T00:00:00Z"), null);
            Runnable insert = () -> repository.insertIssued(record, new StampArtifacts(new byte[] {1, 2, 3},
                    OptionalLong.of(watermarkId)), List.of(), new CommitmentRecord(id, "sha-256", "", "{}",
                    Optional.empty(), Optional.empty()), Optional.empty());
            if (i == 0) {
                insert.run();
                assertEquals(id, repository.issuedByWatermark(watermarkId).orElseThrow().id());
            } else {
                assertThrows(DuplicateKeyException.class, insert::run);
                assertTrue(repository.issued(id).isEmpty(), "nothing of the refused stamp is kept");
            }
        }
        assertNotNull(repository.manifestStore(repository.issuedByWatermark(watermarkId).orElseThrow().manifestLabel())
                .orElse(null));
    }

    private static String provenance(String handle, String prompt) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(ApiContract.example());
            ((ObjectNode) doc.get("creator")).put("handle", handle);
            ((ObjectNode) doc.get("generation")).put("prompt", prompt);
            return doc.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] png(byte[] jpeg) {
        return Attacks.encodePng(Attacks.decode(jpeg));
    }

    private static boolean isPng(byte[] b) {
        return b.length > 1 && (b[0] & 0xFF) == 0x89 && b[1] == 'P';
    }

    private static byte[] read(String path) {
        return ApiContract.read(path);
    }
}
