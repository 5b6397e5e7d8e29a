package io.credmark.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The creator-identity CA: a root of its own beside the development CA, and creators' certificates' profile. */
class IdentityCaTest {

    @TempDir
    Path dir;

    @Test
    void itsRootIsMadeOnFirstStartKeptOwnerOnlyAndReadBackAfterwards() throws Exception {
        IdentityCa first = IdentityCa.openOrCreate(dir);
        IdentityCa again = IdentityCa.openOrCreate(dir);
        assertEquals(first.root(), again.root());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("pki").resolve(IdentityCa.ROOT_KEY))));
        assertNotEquals(DevelopmentCa.openOrCreate(dir).root(), first.root(), "a separate root");
    }

    @Test
    void aCreatorCertificateNamesTheCreatorLinksTheirPageAndMeetsTheSignerProfile() throws Exception {
        IdentityCa ca = IdentityCa.openOrCreate(dir);
        SigningCredentials c = ca.issue("Mirelle Ink", URI.create("https://credmark.example/u/mirelle.ink"));
        X509Certificate leaf = c.leaf();
        assertEquals(List.of(leaf), c.chain(), "the root is the verifier's to supply");
        assertTrue(leaf.getSubjectX500Principal().getName().contains("CN=Mirelle Ink"));
        assertTrue(leaf.getSubjectX500Principal().getName().contains("O=Mirelle Ink"));
        assertEquals(List.of(List.of(6, "https://credmark.example/u/mirelle.ink")),
                List.copyOf(leaf.getSubjectAlternativeNames()));
        assertTrue(leaf.getExtendedKeyUsage().contains(Oids.EKU_DOCUMENT_SIGNING));
        assertFalse(leaf.getExtendedKeyUsage().contains(Oids.EKU_C2PA_CLAIM_SIGNING), "never a claim signer");
        assertEquals(-1, leaf.getBasicConstraints());
        assertEquals(List.of(), CertificateProfile.problems(leaf));
        assertTrue(new TrustEvaluator(TrustAnchors.of(ca.root())).evaluate(c.chain(), Instant.now()).trusted());
        assertFalse(new TrustEvaluator(TrustAnchors.of(DevelopmentCa.openOrCreate(dir).root()))
                .evaluate(c.chain(), Instant.now()).trusted());
    }

    @Test
    void aKeptCredentialLoadsBackAndIsRenewedOnlyNearItsEnd() {
        IdentityCa ca = IdentityCa.openOrCreate(dir);
        SigningCredentials c = ca.issue("Mirelle Ink", URI.create("https://credmark.example/u/mirelle.ink"));
        IdentityCa.StoredCredential stored = IdentityCa.store(c);
        assertFalse(stored.toString().contains("PRIVATE"));
        SigningCredentials back = IdentityCa.load(stored);
        assertEquals(c.leaf(), back.leaf());
        assertEquals(c.privateKey(), back.privateKey());
        assertFalse(ca.needsRenewal(c.leaf()));
        Clock late = Clock.fixed(Instant.now().plus(IdentityCa.CREDENTIAL_VALIDITY).minus(Duration.ofDays(10)),
                ZoneOffset.UTC);
        assertTrue(IdentityCa.openOrCreate(dir, late).needsRenewal(c.leaf()));
        assertTrue(IdentityCa.openOrCreate(dir.resolve("other")).needsRenewal(c.leaf()), "another root's");
    }
}
