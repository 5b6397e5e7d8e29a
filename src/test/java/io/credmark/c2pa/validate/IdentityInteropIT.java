package io.credmark.c2pa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.cbor.CborWriter;
import io.credmark.c2pa.sign.ManifestBuilder;
import io.credmark.c2pa.sign.TimeStamping;
import io.credmark.container.AssetHandlers;
import io.credmark.container.EmbeddingPlan;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.IdentityCa;
import io.credmark.testing.IdentitySignedImages;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * c2pa-rs reads credmark's CAWG identity assertion: well-formed and validated, and trusted with the identity root
 * as its CAWG anchor ({@code verify.mjs --cawg-trust-anchors}).
 */
class IdentityInteropIT {

    @TempDir
    Path dir;

    @Test
    void c2paRsValidatesTheIdentityAndTrustsItWithTheIdentityRootAsCawgAnchor() throws Exception {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dir);
        IdentityCa identities = IdentityCa.openOrCreate(dir);
        ManifestBuilder b = new ManifestBuilder(SignedImages.GENERATOR, new SecureRandom());
        SignedImages.created(b);
        b.add("io.credmark.provenance", new CborWriter().map(1).key("creator").text("mirelle.ink").endMap()
                .toByteArray());
        b.identity(SignedImages.signer(identities.issue("Mirelle Ink",
                URI.create("https://credmark.example/u/mirelle.ink"))), "io.credmark.provenance");
        TimeStamping tsa = IdentitySignedImages.builtInTimeStamping(ca);
        Path file = dir.resolve("identity.png");
        Files.write(file, b.sign(EmbeddingPlan.replacingStores(AssetHandlers.read(SignedImages.png())),
                SignedImages.signer(ca), tsa).toByteArray());
        Path root = Files.writeString(dir.resolve("root.pem"), ca.rootPem());
        Path identityRoot = Files.writeString(dir.resolve("identity-root.pem"),
                io.credmark.pki.TrustAnchors.of(identities.root()).toPem());

        ReferenceVerdict anchored = ReferenceVerifier.create().withTrustAnchors(root)
                .withCawgTrustAnchors(identityRoot).verify(file);
        assertTrue(anchored.isTrusted(), anchored.summary());
        assertTrue(anchored.successCodes().containsAll(List.of("cawg.identity.well-formed",
                "cawg.x509.signature.validated", "cawg.x509.credential.trusted")), anchored.successCodes().toString());
        assertTrue(anchored.failureCodes().stream().noneMatch(c -> c.startsWith("cawg.")));

        ReferenceVerdict unanchored = ReferenceVerifier.create().withTrustAnchors(root).verify(file);
        // without the CAWG anchor: the one tolerated failure, which keeps the state at Valid (c2pa-rs counts
        // Trusted only with no failure at all)
        assertEquals(List.of("cawg.x509.credential.untrusted"), unanchored.failureCodes());
        assertEquals("Valid", unanchored.validationState());
        assertTrue(unanchored.successCodes().containsAll(List.of("cawg.identity.well-formed",
                "cawg.x509.signature.validated", "signingCredential.trusted")), unanchored.successCodes().toString());
    }
}
