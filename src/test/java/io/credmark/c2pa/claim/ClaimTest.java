package io.credmark.c2pa.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.credmark.c2pa.ClaimException;
import io.credmark.c2pa.cbor.CborWriter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Spec 2.2 §10 and §15.5: which claims can be used at all, and the status code of each that cannot. */
class ClaimTest {

    private static final HashedUri ACTIONS = new HashedUri("self#jumbf=c2pa.assertions/c2pa.actions.v2", null,
            new byte[32]);

    @Test
    void aV2ClaimReadsItsFields() {
        byte[] bytes = ClaimWriter.encode("xmp:iid:1", new ClaimWriter.GeneratorInfo("gen", "2"),
                "self#jumbf=/c2pa/urn:c2pa:x/c2pa.signature", List.of(ACTIONS), List.of(ACTIONS), "t.png", "sha256");
        Claim c = Claim.parse(Claim.LABEL_V2, bytes);
        assertEquals(2, c.version());
        assertEquals("gen", c.generator());
        assertEquals("xmp:iid:1", c.instanceId());
        assertEquals("self#jumbf=/c2pa/urn:c2pa:x/c2pa.signature", c.signatureUrl());
        assertEquals(List.of(ACTIONS.url()), c.createdAssertions().stream().map(HashedUri::url).toList());
        assertEquals(2, c.allAssertions().size());
        assertEquals("sha256", c.alg());
        assertEquals("t.png", c.title().orElseThrow());
    }

    @Test
    void aV1ClaimListsItsAssertionsUnderAssertions() {
        byte[] bytes = map(w -> { }, 5, true);
        Claim c = Claim.parse(Claim.LABEL_V1, bytes);
        assertEquals(1, c.version());
        assertEquals("old/1.0", c.generator());
        assertEquals(1, c.allAssertions().size());
    }

    @Test
    void bytesThatAreNotCborAreClaimCborInvalid() {
        assertEquals("claim.cbor.invalid", code(new byte[] {(byte) 0xA1, 0x61}));
    }

    @Test
    void aClaimThatIsNotAMapIsClaimMalformed() {
        assertEquals("claim.malformed", code(new CborWriter().array(0).endArray().toByteArray()));
    }

    @Test
    void aClaimWithoutAGeneratorNameIsClaimMalformed() {
        assertEquals("claim.malformed", code(v2(w -> w.key("claim_generator_info").map(1).key("version").text("1")
                .endMap(), true, true, true)));
    }

    @Test
    void aClaimWithoutASignatureIsClaimMalformed() {
        assertEquals("claim.malformed", code(v2(w -> generator(w), false, true, true)));
    }

    @Test
    void aClaimWithoutAHashAlgorithmIsAlgorithmUnsupported() {
        assertEquals("algorithm.unsupported", code(v2(w -> generator(w), true, false, true)));
    }

    @Test
    void aV2ClaimWithoutCreatedAssertionsIsClaimMalformed() {
        assertEquals("claim.malformed", code(v2(w -> generator(w), true, true, false)));
    }

    @Test
    void aV2ClaimWithBothAssertionListsIsClaimMalformed() {
        byte[] both = map(w -> {
            generator(w);
            w.key("signature").text("sig").key("alg").text("sha256").key("instanceID").text("i");
            w.key("created_assertions").array(1);
            ACTIONS.writeTo(w);
            w.endArray().key("assertions").array(1);
            ACTIONS.writeTo(w);
            w.endArray();
        }, 6, false);
        assertEquals("claim.malformed", code(both));
    }

    @Test
    void anAssertionReferenceWithoutAHashIsClaimMalformed() {
        byte[] bad = map(w -> {
            generator(w);
            w.key("signature").text("sig").key("alg").text("sha256").key("instanceID").text("i");
            w.key("created_assertions").array(1).map(1).key("url").text(ACTIONS.url()).endMap().endArray();
        }, 5, false);
        assertEquals("claim.malformed", code(bad));
    }

    private static String code(byte[] claim) {
        return assertThrows(ClaimException.class, () -> Claim.parse(Claim.LABEL_V2, claim)).code();
    }

    private static void generator(CborWriter w) {
        w.key("claim_generator_info").map(1).key("name").text("gen").endMap();
    }

    /** A v2 claim with the generator {@code head} writes and, as asked, a signature, alg and created assertion. */
    private static byte[] v2(Consumer<CborWriter> head, boolean signature, boolean alg, boolean created) {
        int n = 2 + (signature ? 1 : 0) + (alg ? 1 : 0) + (created ? 1 : 0);
        return map(w -> {
            head.accept(w);
            w.key("instanceID").text("i");
            if (signature) {
                w.key("signature").text("sig");
            }
            if (alg) {
                w.key("alg").text("sha256");
            }
            if (created) {
                w.key("created_assertions").array(1);
                ACTIONS.writeTo(w);
                w.endArray();
            }
        }, n, false);
    }

    private static byte[] map(Consumer<CborWriter> entries, int n, boolean v1) {
        CborWriter w = new CborWriter().map(n);
        if (v1) {
            w.key("claim_generator").text("old/1.0").key("signature").text("sig").key("alg").text("sha256")
                    .key("instanceID").text("i").key("assertions").array(1);
            ACTIONS.writeTo(w);
            w.endArray();
            return w.endMap().toByteArray();
        }
        entries.accept(w);
        return w.endMap().toByteArray();
    }
}
