package io.credmark.c2pa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.cbor.CborWriter;
import io.credmark.c2pa.sign.ManifestBuilder;
import io.credmark.c2pa.sign.SignedManifest;
import io.credmark.c2pa.sign.TimeStamping;
import io.credmark.container.AssetHandlers;
import io.credmark.container.EmbeddingPlan;
import io.credmark.container.ParsedImage;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.IdentityCa;
import io.credmark.pki.SigningCredentials;
import io.credmark.pki.TrustAnchors;
import io.credmark.pki.TrustEvaluator;
import io.credmark.testing.IdentitySignedImages;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manifest signed with a CAWG identity assertion by a second credential (guide §5.6): laid out once, its
 * signature reserved and padded, the assertion gathered and referencing the hard binding and the named assertion.
 */
class IdentityAssertionSigningTest {

    private static final String PROVENANCE = "io.credmark.provenance";

    @TempDir
    static Path dir;
    static DevelopmentCa ca;
    static IdentityCa identities;
    static SigningCredentials creator;
    static TimeStamping tsa;

    @BeforeAll
    static void setUp() {
        ca = DevelopmentCa.openOrCreate(dir);
        identities = IdentityCa.openOrCreate(dir);
        creator = identities.issue("Mirelle Ink", URI.create("https://credmark.example/u/mirelle.ink"));
        tsa = IdentitySignedImages.builtInTimeStamping(ca);
    }

    @Test
    void withTheIdentityRootTheIdentityIsWellFormedValidatedTrustedAndConfirmed() throws Exception {
        SignedManifest signed = sign(tsa);
        assertTrue(signed.identity().orElseThrow().stamp().isPresent(), "the identity signature is time-stamped");
        ValidationResult r = validate(signed.toByteArray(), TrustAnchors.of(identities.root()));
        List<String> codes = r.statuses().stream().map(StatusEntry::code).toList();
        assertEquals(ValidationState.TRUSTED, r.state(), codes.toString());
        assertTrue(codes.containsAll(List.of("cawg.identity.well-formed", "cawg.x509.signature.validated",
                "cawg.x509.credential.trusted")), codes.toString());
        IdentitySummary identity = IdentitySummary.of(r.manifest()).get(0);
        assertEquals("Mirelle Ink", identity.name());
        assertEquals(List.of("https://credmark.example/u/mirelle.ink"), identity.pages());
        assertEquals(signed.identity().get().stamp().get().time(), identity.timeStamped().orElseThrow());
        assertTrue(identity.confirmedBy(r.statuses()));
    }

    @Test
    void withoutTheIdentityRootTheCredentialIsUntrustedToleratedAndNotConfirmed() throws Exception {
        ValidationResult r = validate(sign(tsa).toByteArray(), TrustAnchors.none());
        assertEquals(List.of("cawg.x509.credential.untrusted"), r.failureCodes());
        assertEquals(ValidationState.VALID, r.state());
        assertFalse(IdentitySummary.of(r.manifest()).get(0).confirmedBy(r.statuses()));
    }

    @Test
    void theDevelopmentRootDoesNotConfirmACreatorAndTheIdentityRootDoesNotTrustAClaimSigner() throws Exception {
        byte[] file = sign(TimeStamping.NONE).toByteArray();
        ValidationResult asCawg = validate(file, TrustAnchors.of(ca.root()));
        assertTrue(asCawg.failureCodes().contains("cawg.x509.credential.untrusted"), asCawg.failureCodes().toString());
        ParsedImage image = AssetHandlers.read(file);
        ValidationResult identityAsC2pa = new Validator(new TrustEvaluator(TrustAnchors.of(identities.root())),
                new TrustEvaluator(TrustAnchors.of(identities.root())), Clock.systemUTC())
                .validate(image, image.store().orElseThrow());
        assertTrue(identityAsC2pa.failureCodes().contains("signingCredential.untrusted"));
    }

    @Test
    void aManifestWithoutAnIdentityHasNone() throws Exception {
        ManifestBuilder b = new ManifestBuilder(SignedImages.GENERATOR, new SecureRandom());
        SignedImages.created(b);
        SignedManifest signed = b.sign(EmbeddingPlan.replacingStores(AssetHandlers.read(SignedImages.png())),
                SignedImages.signer(ca), tsa);
        assertTrue(signed.identity().isEmpty());
        assertTrue(IdentitySummary.of(validate(signed.toByteArray(), TrustAnchors.of(identities.root())).manifest())
                .isEmpty());
    }

    private static SignedManifest sign(TimeStamping timeStamping) throws Exception {
        ManifestBuilder b = new ManifestBuilder(SignedImages.GENERATOR, new SecureRandom());
        SignedImages.created(b);
        b.add(PROVENANCE, new CborWriter().map(1).key("creator").text("mirelle.ink").endMap().toByteArray());
        b.identity(SignedImages.signer(creator), PROVENANCE);
        return b.sign(EmbeddingPlan.replacingStores(AssetHandlers.read(SignedImages.png())), SignedImages.signer(ca),
                timeStamping);
    }

    private static ValidationResult validate(byte[] file, TrustAnchors cawg) {
        ParsedImage image = AssetHandlers.read(file);
        return new Validator(new TrustEvaluator(TrustAnchors.of(ca.root())), new TrustEvaluator(cawg),
                Clock.systemUTC()).validate(image, image.store().orElseThrow());
    }
}
