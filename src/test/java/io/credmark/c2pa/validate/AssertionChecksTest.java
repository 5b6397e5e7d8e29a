package io.credmark.c2pa.validate;

import static io.credmark.c2pa.validate.SignatureCheckTest.codes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.jumbf.Slice;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.TrustAnchors;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec 2.2 §15.10 (guide §6.1 step 6): every hashed URI of the claim resolves, matches, and decodes. */
class AssertionChecksTest {

    @TempDir
    static Path dir;
    static DevelopmentCa ca;

    @BeforeAll
    static void openCa() {
        ca = DevelopmentCa.openOrCreate(dir);
    }

    @Test
    void everyAssertionOfAnIntactManifestIsAHashedUriMatch() {
        byte[] file = SignedImages.sign(SignedImages.png(), SignedImages.signer(ca), SignedImages::created);
        ValidationResult r = SignedImages.validate(file, TrustAnchors.of(ca.root()));
        String base = "self#jumbf=/c2pa/" + r.activeManifest() + "/c2pa.assertions/";
        assertTrue(r.statuses().stream().anyMatch(s -> s.code().equals("assertion.hashedURI.match")
                && s.url().equals(base + "c2pa.actions.v2")), codes(r).toString());
        assertTrue(r.statuses().stream().anyMatch(s -> s.code().equals("assertion.hashedURI.match")
                && s.url().equals(base + "c2pa.hash.data")), codes(r).toString());
    }

    @Test
    void aChangedAssertionByteIsAHashedUriMismatch() {
        byte[] file = SignedImages.sign(SignedImages.png(), SignedImages.signer(ca), SignedImages::created);
        Slice actions = SignedImages.activeManifest(file).child("c2pa.assertions").orElseThrow()
                .child("c2pa.actions.v2").orElseThrow().firstContent().orElseThrow().payload();
        // the last byte of the actions assertion is inside the digital source type URI
        byte[] tampered = SignedImages.flip(file, SignedImages.fileOffset(file, actions.offset() + actions.length() - 1));
        ValidationResult r = SignedImages.validate(tampered, TrustAnchors.of(ca.root()));
        assertTrue(r.statuses().stream().anyMatch(s -> s.code().equals("assertion.hashedURI.mismatch")
                && s.url().endsWith("/c2pa.assertions/c2pa.actions.v2")), codes(r).toString());
        assertEquals(ValidationState.INVALID, r.state());
    }

    @Test
    void aCborAssertionThatIsNotCborIsAssertionCborInvalid() {
        byte[] file = SignedImages.sign(SignedImages.png(), SignedImages.signer(ca), b -> {
            SignedImages.created(b);
            b.add("com.example.broken", new byte[] {(byte) 0xA2, 0x61, 'a'});
        });
        ValidationResult r = SignedImages.validate(file, TrustAnchors.of(ca.root()));
        assertTrue(r.statuses().stream().anyMatch(s -> s.code().equals("assertion.cbor.invalid")
                && s.url().endsWith("/c2pa.assertions/com.example.broken")), codes(r).toString());
        assertEquals(ValidationState.INVALID, r.state());
    }
}
