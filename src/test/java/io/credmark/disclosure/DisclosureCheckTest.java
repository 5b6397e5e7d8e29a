package io.credmark.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceException;
import io.credmark.provenance.ProvenanceParser;
import io.credmark.provenance.ProvenanceSchema;
import io.credmark.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisclosureCheckTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ProvenanceDocument example() {
        return ProvenanceParser.parse(Corpus.bytes("testdata/provenance/example.json"));
    }

    private static DisclosureCheck.Presented evidence(String encoded) {
        return new DisclosureCheck.Presented(encoded, CheckedDisclosure.Source.EVIDENCE);
    }

    /** A disclosure string built by hand, as a forger would: {@code [salt, path, value]} in base64url. */
    private static String forge(String salt, String path, JsonNode value) throws Exception {
        byte[] json = JSON.writeValueAsBytes(JSON.createArrayNode().add(salt).add(path).add(value));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    @Test
    void aDisclosureRoundTripsAndItsDigestIsOverTheEncodedString() {
        Disclosure d = Disclosure.create("generation.prompt", TextNode.valueOf("a heron"), RANDOM);
        Disclosure parsed = Disclosure.parse(d.encoded()).orElseThrow();
        assertEquals("generation.prompt", parsed.path());
        assertEquals("a heron", parsed.value().textValue());
        assertTrue(Base64.getUrlDecoder().decode(parsed.salt()).length >= 16, "at least 128 bits of salt");
        assertTrue(Arrays.equals(d.digest(), Disclosure.digestOf(d.encoded())));
        assertFalse(Disclosure.parse("not base64 !").isPresent());
        assertFalse(Disclosure.parse(Base64.getUrlEncoder().encodeToString("[1,2]".getBytes())).isPresent());
    }

    @Test
    void commitmentsHideHowManyFieldsThereAreAndEmbedOnlyPublicOnes() {
        Commitments all = Commitments.create(example(), DisclosurePolicy.ALL_PUBLIC, RANDOM);
        Commitments minimal = Commitments.create(
                ProvenanceParser.parse(Corpus.bytes("testdata/provenance/minimal.json")), DisclosurePolicy.ALL_PUBLIC,
                RANDOM);
        int slots = ProvenanceSchema.paths().size() - ProvenanceSchema.identityPaths().size();
        assertEquals(slots, all.digests().size());
        assertEquals(slots, minimal.digests().size(), "decoys pad a short document to the same count");
        for (int i = 1; i < all.digests().size(); i++) {
            assertTrue(Arrays.compareUnsigned(all.digests().get(i - 1), all.digests().get(i)) <= 0, "sorted");
        }
        DisclosurePolicy policy = DisclosurePolicy.parse(JSON.createObjectNode().put("generation.prompt", "private")
                .put("lineage", "protected"));
        Commitments some = Commitments.create(example(), policy, RANDOM);
        assertTrue(some.embedded().stream().noneMatch(d -> d.path().equals("generation.prompt")));
        assertTrue(some.embedded().stream().noneMatch(d -> d.path().startsWith("lineage.")));
        assertTrue(some.embedded().stream().anyMatch(d -> d.path().equals("usage.license")));
        assertEquals("mirelle.ink", some.identity().at("/creator/handle").asText());
    }

    @Test
    void genuineDisclosuresAreProvenAndForgeriesAreNot() throws Exception {
        Commitments c = Commitments.create(example(), DisclosurePolicy.ALL_PUBLIC, RANDOM);
        Disclosure prompt = c.disclosures().stream().filter(d -> d.path().equals("generation.prompt")).findFirst()
                .orElseThrow();
        Disclosure seed = c.disclosures().stream().filter(d -> d.path().equals("generation.seed")).findFirst()
                .orElseThrow();
        String edited = forge(prompt.salt(), prompt.path(), TextNode.valueOf("a cat"));
        String saltReused = forge(prompt.salt(), "generation.negativePrompt", prompt.value());
        String otherField = forge(seed.salt(), "generation.steps", seed.value());
        List<CheckedDisclosure> checked = DisclosureCheck.check(c.digests(), true, List.of(evidence(prompt.encoded()),
                evidence(edited), evidence(saltReused), evidence(otherField), evidence("garbage"),
                evidence(prompt.encoded())));
        assertEquals(5, checked.size(), "the same disclosure twice is counted once");
        assertTrue(checked.get(0).proven());
        for (CheckedDisclosure forged : checked.subList(1, 5)) {
            assertFalse(forged.proven(), String.valueOf(forged));
            assertTrue(forged.problem() != null);
        }
        assertEquals("a cat", checked.get(1).value().textValue(), "an unproven value is reported, as unproven");
        assertFalse(DisclosureCheck.provenProvenance(c.identity(), checked.subList(1, 5)).path("generation")
                .has("prompt"), "no unproven value enters the provenance");
    }

    @Test
    void nothingIsProvenByAManifestThatDoesNotValidate() {
        Commitments c = Commitments.create(example(), DisclosurePolicy.ALL_PUBLIC, RANDOM);
        List<CheckedDisclosure> checked = DisclosureCheck.check(c.digests(), false,
                List.of(evidence(c.disclosures().get(0).encoded())));
        assertFalse(checked.get(0).proven());
    }

    @Test
    void policiesTakeSectionsTightenNeverLoosenAndKeepIdentityPublic() {
        DisclosurePolicy creator = DisclosurePolicy.parse(JSON.createObjectNode().put("lineage", "protected")
                .put("lineage.credits", "public"));
        assertEquals(DisclosureLevel.PROTECTED, creator.levelOf("lineage.datasets"));
        assertEquals(DisclosureLevel.PUBLIC, creator.levelOf("lineage.credits"));
        assertEquals(DisclosureLevel.PUBLIC, creator.levelOf("creator.handle"));
        DisclosurePolicy request = DisclosurePolicy.parse(JSON.createObjectNode().put("lineage", "public")
                .put("generation.prompt", "private"));
        DisclosurePolicy merged = creator.stricterOf(request);
        assertEquals(DisclosureLevel.PROTECTED, merged.levelOf("lineage.datasets"), "a request cannot loosen");
        assertEquals(DisclosureLevel.PRIVATE, merged.levelOf("generation.prompt"), "but may tighten");
        ProvenanceException e = assertThrows(ProvenanceException.class, () -> DisclosurePolicy.parse(
                JSON.createObjectNode().put("creator.handle", "private").put("generation.promt", "private")
                        .put("usage.license", "secret")));
        assertEquals(3, e.problems().size());
        assertTrue(e.getMessage().contains("creator.handle"), e.getMessage());
    }

    @Test
    void evidenceBundlesRoundTripAndRejectWrongShapes() {
        EvidenceBundle b = new EvidenceBundle("urn:c2pa:x", java.util.Optional.of("id1"), java.util.Optional.empty(),
                List.of("a", "b"));
        EvidenceBundle back = EvidenceBundle.parse(b.toJson().toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(b, back);
        assertThrows(io.credmark.InvalidInputException.class,
                () -> EvidenceBundle.parse("{\"format\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
