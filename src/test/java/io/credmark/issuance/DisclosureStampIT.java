package io.credmark.issuance;

import static io.credmark.testing.ByteSearch.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.disclosure.CheckedDisclosure;
import io.credmark.disclosure.Disclosure;
import io.credmark.disclosure.DisclosureCheck;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.testing.Corpus;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.TestInstallation;
import io.credmark.verification.ProvenanceView;
import io.credmark.verification.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fields stamped private or protected never reach the file, and can still be proven later. */
class DisclosureStampIT {

    private static final String SECRET = "zq-heron-in-the-mist-7731";

    @TempDir
    Path dir;

    @Test
    void aPrivateFieldIsAbsentFromTheFileYetProvableFromItsDisclosure() throws Exception {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        JsonNode json = new ObjectMapper().readTree(Corpus.bytes("testdata/provenance/example.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("generation")).put("prompt", "a " + SECRET);
        var provenance = io.credmark.provenance.ProvenanceParser.parse(json);
        DisclosurePolicy policy = DisclosurePolicy.parse(new ObjectMapper().createObjectNode()
                .put("generation.prompt", "private").put("lineage.datasets", "protected"));

        for (String input : List.of("testdata/images/rgb8.png", "testdata/images/baseline-420.jpg")) {
            StampResult result = installation.credmark().stamping().stamp(
                    StampRequest.of(Corpus.bytes(input), provenance).withDisclosure(policy));
            byte[] file = result.toByteArray();
            for (var charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
                assertFalse(contains(file, SECRET.getBytes(charset)), input + ": secret found as " + charset);
            }

            VerificationReport anonymous = installation.credmark().verification().verify(file);
            assertEquals(VerificationReport.Status.TRUSTED, anonymous.status());
            ProvenanceView view = anonymous.provenance().orElseThrow();
            assertFalse(view.provenance().path("generation").has("prompt"));
            assertFalse(view.provenance().path("lineage").has("datasets"));
            assertTrue(view.provenance().path("usage").has("license"), "public fields are read from the file");
            assertTrue(view.disclosures().stream().allMatch(CheckedDisclosure::proven));

            Disclosure prompt = result.commitments().disclosures().stream()
                    .filter(d -> d.path().equals("generation.prompt")).findFirst().orElseThrow();
            VerificationReport revealed = installation.credmark().verification().verify(file,
                    List.of(new DisclosureCheck.Presented(prompt.encoded(), CheckedDisclosure.Source.SERVICE)));
            assertEquals("a " + SECRET, revealed.provenance().orElseThrow().provenance().at("/generation/prompt")
                    .asText());
            Path out = dir.resolve("private-" + Path.of(input).getFileName());
            Files.write(out, file);
            ReferenceVerdict reference = ReferenceVerifier.create().withTrustAnchors(installation.rootPem()).verify(out);
            assertTrue(reference.isTrusted() && reference.failureCodes().isEmpty(), reference.summary());
        }
    }
}
