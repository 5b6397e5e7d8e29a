package io.credmark.c2pa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.cbor.CborReader;
import io.credmark.c2pa.cbor.CborWriter;
import io.credmark.c2pa.claim.Claim;
import io.credmark.c2pa.claim.ClaimWriter;
import io.credmark.c2pa.claim.HashedUri;
import io.credmark.c2pa.cose.CoseSign1;
import io.credmark.c2pa.cose.CoseSign1Writer;
import io.credmark.c2pa.sign.Signer;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.TrustAnchors;
import io.credmark.pki.TrustEvaluator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guide §5.6 (CAWG identity 1.x, X.509 credentials): the signer payload must copy the claim's hashed URIs, the
 * hard binding among them, and be signed by the credential; the credential's trust is judged against the CAWG
 * list and only reported.
 */
class CawgIdentityCheckTest {

    private static final String MANIFEST = "urn:c2pa:cawg-test";
    private static final HashedUri DATA_HASH = new HashedUri("self#jumbf=c2pa.assertions/c2pa.hash.data", null,
            filled(1));
    private static final HashedUri ACTIONS = new HashedUri("self#jumbf=c2pa.assertions/c2pa.actions.v2", null,
            filled(2));

    @TempDir
    static Path dir;
    static DevelopmentCa ca;
    static Signer credential;
    static Claim claim;

    @BeforeAll
    static void setUp() {
        ca = DevelopmentCa.openOrCreate(dir);
        credential = SignedImages.signer(ca);
        claim = Claim.parse(Claim.LABEL_V2, ClaimWriter.encode("xmp:iid:1", SignedImages.GENERATOR,
                "self#jumbf=/c2pa/" + MANIFEST + "/c2pa.signature", List.of(ACTIONS, DATA_HASH), List.of(), null,
                "sha256"));
    }

    @Test
    void aSignedPayloadThatReferencesTheHardBindingIsWellFormedAndItsCredentialTrustedByTheCawgList() {
        StatusLog log = check(identity(List.of(ACTIONS, DATA_HASH), "cawg.x509.cose", null),
                TrustAnchors.of(ca.root()));
        assertTrue(codes(log).contains("cawg.identity.well-formed"), codes(log).toString());
        assertTrue(codes(log).contains("cawg.x509.credential.trusted"), codes(log).toString());
        assertTrue(log.of(StatusEntry.Kind.FAILURE).isEmpty(), codes(log).toString());
        assertTrue(log.entries().stream().allMatch(
                e -> e.url().equals("self#jumbf=/c2pa/" + MANIFEST + "/c2pa.assertions/cawg.identity")));
    }

    @Test
    void aCredentialNotOnTheCawgListIsUntrustedWhichLeavesTheManifestValid() {
        StatusLog log = check(identity(List.of(DATA_HASH), "cawg.x509.cose", null), TrustAnchors.none());
        assertTrue(codes(log).contains("cawg.identity.well-formed"), codes(log).toString());
        assertTrue(codes(log).contains("cawg.x509.credential.untrusted"), codes(log).toString());
        assertTrue(StatusCode.isToleratedFailure("cawg.x509.credential.untrusted"));
    }

    @Test
    void aPayloadWithoutTheHardBindingIsHardBindingMissing() {
        StatusLog log = check(identity(List.of(ACTIONS), "cawg.x509.cose", null), TrustAnchors.of(ca.root()));
        assertEquals(List.of("cawg.identity.hard_binding_missing"), codes(log));
    }

    @Test
    void aReferenceWhoseHashDiffersFromTheClaimIsAssertionMismatch() {
        HashedUri changed = new HashedUri(DATA_HASH.url(), null, filled(9));
        StatusLog log = check(identity(List.of(changed), "cawg.x509.cose", null), TrustAnchors.of(ca.root()));
        assertEquals(List.of("cawg.identity.assertion.mismatch"), codes(log));
    }

    @Test
    void anUnknownSignatureTypeIsSigTypeUnknown() {
        StatusLog log = check(identity(List.of(DATA_HASH), "cawg.identity_claims_aggregation", null),
                TrustAnchors.of(ca.root()));
        assertEquals(List.of("cawg.identity.sig_type.unknown"), codes(log));
    }

    @Test
    void aSignatureOverOtherBytesIsAnX509SignatureFailureAndNotWellFormed() {
        byte[] other = new CborWriter().map(1).key("sig_type").text("cawg.x509.cose").endMap().toByteArray();
        StatusLog log = check(identity(List.of(DATA_HASH), "cawg.x509.cose", other), TrustAnchors.of(ca.root()));
        assertFalse(codes(log).contains("cawg.identity.well-formed"), codes(log).toString());
        assertEquals(List.of("cawg.x509.credential.trusted", "cawg.x509.signature.mismatch"), codes(log));
    }

    @Test
    void nonZeroPaddingIsPadInvalid() {
        JsonNode node = identity(List.of(DATA_HASH), "cawg.x509.cose", null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("pad1", new byte[] {0, 1});
        assertEquals(List.of("cawg.identity.pad.invalid"), codes(check(node, TrustAnchors.of(ca.root()))));
    }

    @Test
    void anAssertionReferencedTwiceIsADuplicate() {
        StatusLog log = check(identity(List.of(DATA_HASH, DATA_HASH), "cawg.x509.cose", null),
                TrustAnchors.of(ca.root()));
        assertEquals(List.of("cawg.identity.assertion.duplicate"), codes(log));
    }

    @Test
    void anUnreadableSignatureIsASignatureMismatchAsInC2paRs() {
        JsonNode node = identity(List.of(DATA_HASH), "cawg.x509.cose", null);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("signature", new byte[] {(byte) 0xd2, 0x00});
        assertEquals(List.of("cawg.x509.signature.mismatch"), codes(check(node, TrustAnchors.of(ca.root()))));
    }

    @Test
    void anAssertionWithoutASignerPayloadIsCborInvalid() {
        JsonNode node = CborReader.read(new CborWriter().map(1).key("signature").bytes(new byte[3]).endMap()
                .toByteArray());
        StatusLog log = check(node, TrustAnchors.of(ca.root()));
        assertEquals(List.of("cawg.identity.cbor.invalid"), codes(log));
    }

    private static StatusLog check(JsonNode identity, TrustAnchors cawgAnchors) {
        StatusLog log = new StatusLog();
        CawgIdentityCheck.check(MANIFEST, "cawg.identity", identity, claim, new TrustEvaluator(cawgAnchors),
                Instant.now(), log);
        return log;
    }

    /**
     * An identity assertion whose COSE signature (detached payload) covers the signer payload as the guide says
     * it is re-encoded: {@code referenced_assertions}, then {@code sig_type}; or {@code signed} when given.
     */
    private static JsonNode identity(List<HashedUri> referenced, String sigType, byte[] signed) {
        CborWriter payload = new CborWriter().map(2).key("referenced_assertions").array(referenced.size());
        referenced.forEach(r -> r.writeTo(payload));
        byte[] payloadBytes = payload.endArray().key("sig_type").text(sigType).endMap().toByteArray();
        byte[] protectedHeader = CoseSign1Writer.protectedHeader(credential.algorithm(), credential.chain());
        byte[] cose;
        try {
            byte[] signature = credential.sign(CoseSign1.sigStructure(protectedHeader,
                    signed != null ? signed : payloadBytes));
            cose = CoseSign1Writer.encode(protectedHeader, signature,
                    CoseSign1Writer.minimalSize(protectedHeader, credential.maxSignatureLength()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        CborWriter w = new CborWriter().map(3).key("signer_payload").map(2).key("referenced_assertions")
                .array(referenced.size());
        referenced.forEach(r -> r.writeTo(w));
        w.endArray().key("sig_type").text(sigType).endMap().key("signature").bytes(cose).key("pad1")
                .bytes(new byte[8]).endMap();
        return CborReader.read(w.toByteArray());
    }

    private static List<String> codes(StatusLog log) {
        return log.entries().stream().map(StatusEntry::code).toList();
    }

    private static byte[] filled(int value) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
