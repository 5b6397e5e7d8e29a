package io.credmark.c2pa.validate;

import static io.credmark.c2pa.validate.SignedImages.activeManifest;
import static io.credmark.c2pa.validate.SignedImages.fileOffset;
import static io.credmark.c2pa.validate.SignedImages.flip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.jumbf.Slice;
import io.credmark.c2pa.sign.KeySigner;
import io.credmark.pki.CredentialLoader;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.SigningCredentials;
import io.credmark.pki.TrustAnchors;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec 2.2 §15.7 and the certificate rules of §14: the claim signature, its signer's profile, validity and trust. */
class SignatureCheckTest {

    @TempDir
    static Path dir;
    static DevelopmentCa ca;
    static byte[] signed;

    @BeforeAll
    static void sign() {
        ca = DevelopmentCa.openOrCreate(dir);
        signed = SignedImages.sign(SignedImages.png(), SignedImages.signer(ca), SignedImages::created);
    }

    @Test
    void aSignerChainingToAnAnchorIsValidatedInsideValidityAndTrusted() {
        ValidationResult r = SignedImages.validate(signed, TrustAnchors.of(ca.root()));
        assertEquals(ValidationState.TRUSTED, r.state(), r.statuses().toString());
        List<String> codes = codes(r);
        assertTrue(codes.containsAll(List.of("claimSignature.validated", "claimSignature.insideValidity",
                "signingCredential.trusted")), codes.toString());
        assertTrue(r.statuses().stream().filter(s -> s.code().equals("claimSignature.validated"))
                .allMatch(s -> s.url().equals("self#jumbf=/c2pa/" + r.activeManifest() + "/c2pa.signature")));
    }

    @Test
    void aSignerWithoutAnAnchorIsUntrustedWhichIsToleratedAsValid() {
        ValidationResult r = SignedImages.validate(signed, TrustAnchors.none());
        assertEquals(ValidationState.VALID, r.state(), r.statuses().toString());
        assertTrue(codes(r).contains("signingCredential.untrusted"));
        assertTrue(codes(r).contains("claimSignature.validated"));
        assertEquals(List.of("signingCredential.untrusted"), r.failureCodes());
    }

    @Test
    void aChangedSignatureByteIsAClaimSignatureMismatch() {
        Slice cose = activeManifest(signed).child("c2pa.signature").orElseThrow().firstContent().orElseThrow()
                .payload();
        byte[] tampered = flip(signed, fileOffset(signed, cose.offset() + cose.length() - 1));
        ValidationResult r = SignedImages.validate(tampered, TrustAnchors.of(ca.root()));
        assertEquals(ValidationState.INVALID, r.state());
        assertTrue(codes(r).contains("claimSignature.mismatch"), codes(r).toString());
        assertFalse(codes(r).contains("claimSignature.validated"));
    }

    @Test
    void aChangedClaimByteIsAClaimSignatureMismatch() {
        Slice claim = activeManifest(signed).child("c2pa.claim.v2").orElseThrow().firstContent().orElseThrow()
                .payload();
        // the last byte of the claim is inside the "alg" text "sha256": change it to another letter
        byte[] tampered = signed.clone();
        tampered[fileOffset(signed, claim.offset() + claim.length() - 4)] = 'X';
        ValidationResult r = SignedImages.validate(tampered, TrustAnchors.of(ca.root()));
        assertTrue(codes(r).contains("claimSignature.mismatch"), codes(r).toString());
        assertEquals(ValidationState.INVALID, r.state());
    }

    @Test
    void aSignatureBoxTheClaimDoesNotFindIsClaimSignatureMissing() {
        // the signature superbox's description names its type with the C2PA signature UUID; change its first byte
        Slice description = activeManifest(signed).child("c2pa.signature").orElseThrow().payload();
        byte[] tampered = flip(signed, fileOffset(signed, description.offset() + 8));
        ValidationResult r = SignedImages.validate(tampered, TrustAnchors.of(ca.root()));
        assertTrue(codes(r).contains("claimSignature.missing"), codes(r).toString());
        assertEquals(ValidationState.INVALID, r.state());
    }

    @Test
    void aSignerCertificateThatHasExpiredIsSigningCredentialExpired() {
        // no time-stamp, so the certificate is judged at "now": 30 years on, the 5-year signer has expired
        Clock later = Clock.fixed(Clock.systemUTC().instant().plus(Duration.ofDays(365L * 30)), ZoneOffset.UTC);
        ValidationResult r = SignedImages.validate(signed, TrustAnchors.of(ca.root()), later);
        assertTrue(codes(r).contains("signingCredential.expired"), codes(r).toString());
        assertFalse(codes(r).contains("claimSignature.insideValidity"));
        assertEquals(ValidationState.INVALID, r.state());
    }

    @Test
    void aCaCertificateAsSignerIsSigningCredentialInvalid() {
        SigningCredentials intermediate = CredentialLoader.fromPem(ca.directory().resolve("intermediate-ca.pem"),
                ca.directory().resolve("intermediate-ca-key.pem"), null);
        byte[] byCa = SignedImages.sign(SignedImages.png(),
                KeySigner.of(intermediate.privateKey(), intermediate.chain()), SignedImages::created);
        ValidationResult r = SignedImages.validate(byCa, TrustAnchors.of(ca.root()));
        assertTrue(codes(r).contains("signingCredential.invalid"), codes(r).toString());
        assertEquals(ValidationState.INVALID, r.state());
    }

    static List<String> codes(ValidationResult r) {
        return r.statuses().stream().map(StatusEntry::code).toList();
    }
}
