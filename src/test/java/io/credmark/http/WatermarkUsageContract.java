package io.credmark.http;

import static io.credmark.http.ApiContract.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.bench.Attacks;
import io.credmark.http.ApiClient.Answer;
import io.credmark.http.ApiClient.Part;
import io.credmark.issuance.StampRequest;
import io.credmark.testing.TestInstallation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watermark's usage figures (docs/usage.md) over real HTTP on a real database: real stamps, copies stripped of
 * their metadata by re-encoding the pixels, a manifest signed anew over another credential's watermarked pixels;
 * every figure read back through the creator's usage API. Each verification adds exactly the events specified:
 * a stripped copy found through its watermark one "watermark-recovery" (and one verification) on the credential it
 * leads to; a valid manifest whose recorded watermark the pixels carry one "watermark-agree"; a valid manifest over
 * pixels carrying another credential's watermark one "watermark-disagree" on that credential; no watermark, or one
 * that leads to no credential on record, nothing.
 */
abstract class WatermarkUsageContract extends ServiceContract {

    private static final String PHOTO = "testdata/watermark/heldout/photo-mate-dune-1024x1024.jpg";
    private static final String ART = "testdata/watermark/heldout/art-kde-volna-768x768.jpg";

    @Test
    void recoveriesAgreementsAndDisagreementsAreCountedExactlyOnTheCredentialTheWatermarkLeadsTo(
            @TempDir Path other) {
        String token = register("wm.tern");
        Answer marked = stamp(read(PHOTO), "wm.tern", "Tern", "{}");
        Answer unmarked = stamp(read(ART), "wm.tern", "Tern plain", "{\"watermark\":false}");
        byte[] markedFile = image(marked);
        JsonNode before = totals(token);
        assertEquals(2, before.path("stamp").asLong(), before.toString());
        assertEquals(0, before.path("watermark-recovery").asLong() + before.path("watermark-agree").asLong()
                + before.path("watermark-disagree").asLong(), "stamping counts no watermark event: " + before);

        // the file as issued: its valid manifest records the watermark it carries
        assertEquals("trusted", status(verify(markedFile, "image/jpeg")));
        JsonNode afterIssued = totals(token);
        assertEquals(Map.of("verify-api", 1L, "watermark-agree", 1L), added(before, afterIssued));

        // stripped twice (PNG and JPEG re-encodes of the pixels): each found through the watermark, counted once
        byte[] strippedPng = Attacks.encodePng(Attacks.decode(markedFile));
        byte[] strippedJpeg = Attacks.encodeJpeg(Attacks.decode(markedFile), 90);
        JsonNode png = verify(strippedPng, "image/png");
        assertEquals("recovered", status(png), png.toString());
        assertEquals(marked.json().get("id").asText(), png.at("/recovered/id").asText());
        assertEquals("recovered", status(verify(strippedJpeg, "image/jpeg")));
        JsonNode afterStripped = totals(token);
        assertEquals(Map.of("verify-api", 2L, "watermark-recovery", 2L), added(afterIssued, afterStripped));

        // another installation signs the stripped pixels as its own: valid, but the watermark names our credential
        TestInstallation thief = TestInstallation.in(other.resolve("data"));
        byte[] resigned = thief.credmark().stamping().stamp(StampRequest.of(strippedJpeg,
                TestInstallation.exampleProvenance())).toByteArray();
        JsonNode transplanted = verify(resigned, "image/jpeg");
        assertEquals("valid", status(transplanted), transplanted.toString());
        assertFalse(transplanted.at("/watermark/agrees").asBoolean(true), transplanted.toString());
        JsonNode afterTransplant = totals(token);
        assertEquals(Map.of("watermark-disagree", 1L), added(afterStripped, afterTransplant),
                "the disagreement only: the foreign manifest is no verification of our credential");

        // no watermark anywhere: the unmarked credential as issued, stripped, and an image never stamped
        byte[] unmarkedFile = image(unmarked);
        assertEquals("trusted", status(verify(unmarkedFile, "image/jpeg")));
        assertEquals("none", status(verify(Attacks.encodePng(Attacks.decode(unmarkedFile)), "image/png")));
        assertEquals("none", status(verify(read(PHOTO), "image/jpeg")));
        // a manifest signed over unmarked pixels: it agrees that there is no watermark, which leads nowhere
        byte[] foreignPlain = thief.credmark().stamping().stamp(StampRequest.of(read(ART),
                TestInstallation.exampleProvenance())).toByteArray();
        assertEquals("valid", status(verify(foreignPlain, "image/jpeg")));
        JsonNode afterNone = totals(token);
        assertEquals(Map.of("verify-api", 1L), added(afterTransplant, afterNone),
                "only the verification of the unmarked credential itself");

        // per model: every watermark event is the watermarked credential's
        JsonNode plain = usage(token, "?model=Tern%20plain");
        assertFalse(plain.toString().contains("watermark-"), plain.toString());
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    /** The events whose totals changed from {@code before} to {@code after}, with the difference. */
    private static Map<String, Long> added(JsonNode before, JsonNode after) {
        Map<String, Long> changed = new java.util.TreeMap<>();
        after.fieldNames().forEachRemaining(event -> {
            long d = after.get(event).asLong() - before.path(event).asLong();
            if (d != 0) {
                changed.put(event, d);
            }
        });
        return changed;
    }

    private JsonNode totals(String token) {
        return usage(token, "").get("totals");
    }

    private JsonNode usage(String token, String query) {
        service.server.usage().counter().flush();
        Answer a = api.get("/v1/creators/wm.tern/usage" + query, "Authorization", "Bearer " + token);
        assertEquals(200, a.status(), a.toString());
        return a.json();
    }

    private JsonNode verify(byte[] file, String type) {
        Answer a = api.postRaw("/v1/verify", type, file);
        assertEquals(200, a.status(), a.toString());
        return a.json();
    }

    private static String status(JsonNode report) {
        return report.get("status").asText();
    }

    private Answer stamp(byte[] image, String handle, String model, String options) {
        Answer a = api.postMultipart("/v1/stamp", List.of(Part.file("image", "in.jpg", "image/jpeg", image),
                Part.json("provenance", UsageContract.provenance(handle, model)), Part.json("options", options)),
                "Authorization", "Bearer " + stampKey, "Accept", "application/json");
        assertEquals(200, a.status(), a.toString());
        return a;
    }

    private static byte[] image(Answer stamped) {
        return Base64.getDecoder().decode(stamped.json().get("image").asText());
    }

    private String register(String handle) {
        Answer a = api.postRaw("/v1/creators", "application/json", utf8("{\"handle\":\"" + handle + "\"}"),
                "Authorization", "Bearer " + service.adminKey);
        assertEquals(201, a.status(), a.toString());
        return a.json().get("token").asText();
    }

    private static byte[] read(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
