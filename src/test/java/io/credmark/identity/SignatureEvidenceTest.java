package io.credmark.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.sign.SignedManifest;
import io.credmark.c2pa.sign.TimeStamping;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.IdentityCa;
import io.credmark.pki.TrustAnchors;
import io.credmark.testing.IdentitySignedImages;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A credential's signature evidence judged against anchors kept apart by kind: the creator-identity root confirms
 * the identity credential and never the claim signer; a C2PA root never confirms a creator.
 */
class SignatureEvidenceTest {

    @TempDir
    static Path dir;
    static DevelopmentCa ca;
    static IdentityCa identities;
    static SignedManifest signed;
    static SignatureEvidence evidence;

    @BeforeAll
    static void setUp() {
        ca = DevelopmentCa.openOrCreate(dir);
        identities = IdentityCa.openOrCreate(dir);
        TimeStamping tsa = IdentitySignedImages.builtInTimeStamping(ca);
        signed = IdentitySignedImages.sign(ca, identities, tsa);
        // as a bundle carries it: made with every root known, then read back
        evidence = SignatureEvidence.parse(SignatureEvidence.fromManifestStore(signed.store(), signed.label(),
                TrustAnchors.of(ca.root(), identities.root()), tsa).toJson(), "signature");
    }

    private static JsonNode check(TrustAnchors c2pa, TrustAnchors cawg, TrustAnchors tsa) {
        SignatureEvidence.Result r = evidence.check(Optional.of(signed.store()), new EvidenceTrust(c2pa, cawg, tsa));
        assertTrue(r.holds(), r.report().toString());
        assertEquals(1, r.report().get("identities").size(), r.report().toString());
        return r.report();
    }

    @Test
    void eachChainIsTrustedByTheAnchorsOfItsKind() {
        JsonNode r = check(TrustAnchors.of(ca.root()), TrustAnchors.of(identities.root()), TrustAnchors.of(ca.root()));
        assertEquals("trusted", r.at("/signer/status").asText(), r.toString());
        assertEquals("trusted", r.at("/identities/0/status").asText(), r.toString());
        assertEquals("trusted", r.at("/timeStamp/status").asText(), r.toString());
        assertEquals("trusted", r.at("/freshTimeStamp/status").asText(), r.toString());
    }

    @Test
    void theIdentityRootAsCawgAnchorTrustsTheIdentityAndNotTheSigner() {
        JsonNode r = check(TrustAnchors.none(), TrustAnchors.of(identities.root()), TrustAnchors.none());
        assertEquals("trusted", r.at("/identities/0/status").asText(), r.toString());
        assertEquals("valid", r.at("/signer/status").asText(), r.toString());
        assertEquals("valid", r.at("/timeStamp/status").asText(), r.toString());
    }

    @Test
    void theIdentityRootAsC2paAnchorDoesNotConfirmTheCreator() {
        JsonNode r = check(TrustAnchors.of(identities.root()), TrustAnchors.none(), TrustAnchors.of(identities.root()));
        assertEquals("valid", r.at("/identities/0/status").asText(), r.toString());
        assertEquals("valid", r.at("/signer/status").asText(), r.toString());
        assertTrue(r.at("/identities/0/note").isMissingNode(), "a chain up to its root: " + r);
    }

    @Test
    void theSignersRootAsCawgAnchorDoesNotConfirmTheCreator() {
        JsonNode r = check(TrustAnchors.of(ca.root()), TrustAnchors.of(ca.root()), TrustAnchors.of(ca.root()));
        assertEquals("trusted", r.at("/signer/status").asText(), r.toString());
        assertEquals("valid", r.at("/identities/0/status").asText(), r.toString());
    }

    @Test
    void evidenceMadeWithoutAFreshTimeStampSaysWhy() {
        JsonNode json = SignatureEvidence.withoutFreshTimeStamp(signed.store(), signed.label(),
                TrustAnchors.of(ca.root(), identities.root()), "not taken here").toJson();
        assertEquals("not taken here", json.at("/freshTimeStamp/reason").asText(), json.toString());
        assertFalse(json.at("/freshTimeStamp").has("token"), json.toString());
        assertTrue(json.at("/timeStamp/token").isTextual(), json.toString());
        SignatureEvidence.Result r = SignatureEvidence.parse(json, "signature").check(Optional.of(signed.store()),
                EvidenceTrust.NONE);
        assertTrue(r.holds(), r.report().toString());
        assertEquals("absent", r.report().at("/freshTimeStamp/status").asText());
    }
}
