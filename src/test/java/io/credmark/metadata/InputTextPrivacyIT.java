package io.credmark.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.container.AssetHandlers;
import io.credmark.container.ParsedImage;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.http.StampOptionsJson;
import io.credmark.issuance.StampOptions;
import io.credmark.issuance.StampRequest;
import io.credmark.issuance.StampResult;
import io.credmark.issuance.WatermarkMode;
import io.credmark.pixels.marker.MarkerOptions;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceParser;
import io.credmark.testing.ByteSearch;
import io.credmark.testing.Corpus;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.TestInstallation;
import io.credmark.verification.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prompt stamped private must not stay readable in the input's own generator text. */
class InputTextPrivacyIT {

    private static final String A1111_PROMPT = "a cozy bookshop on a rainy street at dusk";
    private static final String COMFY_PROMPT = "a lighthouse on a rocky coast at sunset";

    private record Input(String file, String prompt, String removed) {
    }

    private static final List<Input> INPUTS = List.of(
            new Input("testdata/images/a1111-parameters.png", A1111_PROMPT, "PNG tEXt \"parameters\""),
            new Input("testdata/images/comfyui-prompt-workflow.png", COMFY_PROMPT, "PNG tEXt \"prompt\""),
            new Input("testdata/images/exif-a1111-usercomment.jpg", A1111_PROMPT, "EXIF UserComment"),
            new Input("testdata/generators/comfyui-lora.png", "grey heron in a misty river", "PNG tEXt \"workflow\""),
            new Input("testdata/generators/invokeai.png", "paper lantern festival",
                    "PNG tEXt \"invokeai_metadata\""),
            new Input("testdata/generators/novelai.png", "reading in a library", "PNG tEXt \"Description\""),
            new Input("testdata/generators/a1111-civitai.jpg", "lighthouse keeper's cottage", "EXIF UserComment"));

    @TempDir
    Path dir;

    @Test
    void aPrivatePromptInTheInputsGeneratorTextAppearsInNoByteOfTheOutput() throws Exception {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        DisclosurePolicy promptPrivate = DisclosurePolicy.parse(new ObjectMapper().createObjectNode()
                .put("generation.prompt", "private"));
        List<Path> outputs = new ArrayList<>();
        for (Input input : INPUTS) {
            byte[] original = Corpus.bytes(input.file());
            assertTrue(containsText(original, input.prompt()), input.file() + " carries its prompt to begin with");
            ProvenanceDocument provenance = provenanceWithPrompt(input.prompt());
            for (StampOptions options : List.of(StampOptions.METADATA_ONLY,
                    new StampOptions(MarkerOptions.defaults(), WatermarkMode.OFF))) {
                StampResult result = installation.credmark().stamping().stamp(
                        StampRequest.of(original, provenance).withDisclosure(promptPrivate).withOptions(options));
                byte[] file = result.toByteArray();
                assertFalse(containsText(file, input.prompt()), input.file() + ": the private prompt is in the output");
                assertTrue(result.metadata().removed().contains(input.removed()), result.metadata().toString());
                assertTrue(result.metadata().removalReason().orElseThrow().contains("generation.prompt"));
                VerificationReport report = installation.credmark().verification().verify(file);
                assertEquals(VerificationReport.Status.TRUSTED, report.status(), input.file());
                Path out = dir.resolve(outputs.size() + "-" + Path.of(input.file()).getFileName());
                Files.write(out, file);
                outputs.add(out);
            }
        }
        ReferenceVerifier.create().withTrustAnchors(installation.rootPem()).assertAllTrusted(outputs);
    }

    @Test
    void aPromptImportedFromTheFileAndStampedPrivateIsInTheRecordButInNoByteOfTheOutput() {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        DisclosurePolicy promptPrivate = DisclosurePolicy.parse(new ObjectMapper().createObjectNode()
                .put("generation.prompt", "private"));
        for (Input input : INPUTS) {
            StampResult result = installation.credmark().stamping().stamp(StampRequest.of(Corpus.bytes(input.file()),
                    TestInstallation.minimalProvenance()).withDisclosure(promptPrivate));
            assertTrue(result.provenance().generation().prompt().contains(input.prompt()), input.file());
            assertTrue(result.metadata().imported().stream().anyMatch(f -> f.path().equals("generation.prompt")));
            assertTrue(result.commitments().disclosures().stream().anyMatch(d -> d.path().equals("generation.prompt")),
                    "the imported prompt is committed to, and kept for its creator");
            assertFalse(containsText(result.toByteArray(), input.prompt()), input.file());
        }
    }

    @Test
    void metadataOnlyRemovalLeavesEveryOtherByteAndTheExifStructure() {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        DisclosurePolicy seedProtected = DisclosurePolicy.parse(new ObjectMapper().createObjectNode()
                .put("generation.seed", "protected"));
        byte[] jpeg = Corpus.bytes("testdata/images/exif-a1111-usercomment.jpg");
        StampOptions noXmp = StampOptionsJson.parse(new ObjectMapper().createObjectNode().put("xmp", false));
        byte[] out = installation.credmark().stamping().stamp(StampRequest.of(jpeg,
                TestInstallation.minimalProvenance()).withDisclosure(seedProtected).withOptions(noXmp)).toByteArray();
        ParsedImage stamped = AssetHandlers.read(out);
        // the EXIF segment is still there, the same length, its comment zeroed; the scan data is the input's
        assertEquals(jpeg.length + stamped.stores().get(0).ranges().stream().mapToLong(r -> r.length()).sum(),
                out.length);
        assertTrue(containsText(out, "Exif"));
        assertFalse(containsText(out, "Seed: 1234567890"));
    }

    @Test
    void keepAndAllPublicLeaveTheTextWhereItIs() {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        byte[] png = Corpus.bytes("testdata/images/a1111-parameters.png");
        DisclosurePolicy promptPrivate = DisclosurePolicy.parse(new ObjectMapper().createObjectNode()
                .put("generation.prompt", "private"));
        StampOptions keep = StampOptionsJson.parse(new ObjectMapper().createObjectNode().put("inputMetadata", "keep"));
        StampResult kept = installation.credmark().stamping().stamp(StampRequest.of(png,
                provenanceWithPrompt(A1111_PROMPT)).withDisclosure(promptPrivate).withOptions(keep));
        assertTrue(containsText(kept.toByteArray(), A1111_PROMPT));
        assertTrue(kept.metadata().removed().isEmpty());

        StampResult allPublic = installation.credmark().stamping().stamp(StampRequest.of(png,
                provenanceWithPrompt(A1111_PROMPT)));
        assertTrue(containsText(allPublic.toByteArray(), A1111_PROMPT));

        // the prompt is public, so XMP would carry it: without XMP, nothing of the generator's text is left
        StampOptions strip = StampOptionsJson.parse(new ObjectMapper().createObjectNode().put("inputMetadata", "strip")
                .put("xmp", false));
        StampResult stripped = installation.credmark().stamping().stamp(StampRequest.of(png,
                provenanceWithPrompt(A1111_PROMPT)).withOptions(strip));
        assertFalse(containsText(stripped.toByteArray(), A1111_PROMPT));
        assertEquals("options.inputMetadata is \"strip\"", stripped.metadata().removalReason().orElseThrow());
    }

    private static ProvenanceDocument provenanceWithPrompt(String prompt) {
        try {
            ObjectNode json = (ObjectNode) new ObjectMapper().readTree(Corpus.bytes("testdata/provenance/example.json"));
            ((ObjectNode) json.get("generation")).put("prompt", prompt);
            return ProvenanceParser.parse(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether the text is in the bytes in any of the encodings metadata uses (UTF-8/Latin-1, UTF-16 either way). */
    static boolean containsText(byte[] haystack, String text) {
        for (var charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
            if (ByteSearch.contains(haystack, text.getBytes(charset))) {
                return true;
            }
        }
        return false;
    }
}
