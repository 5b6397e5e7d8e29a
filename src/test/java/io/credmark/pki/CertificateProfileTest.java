package io.credmark.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.pki.CertificateProfile.Problem;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateProfileTest {

    private static TestCertificates.Issued intermediate;

    @BeforeAll
    static void createIssuer() throws Exception {
        TestCertificates.Issued root = TestCertificates.ca("CN=Profile Root, O=Test").build();
        intermediate = TestCertificates.ca("CN=Profile Intermediate, O=Test").issuedBy(root).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"es256", "ps256", "ed25519"})
    void theC2paRsTestSignersPass(String name) {
        X509Certificate leaf = TrustAnchors.fromPem(Path.of("testdata/pki/" + name + ".pub")).certificates().get(0);

        assertEquals(List.of(), CertificateProfile.problems(leaf));
    }

    @Test
    void everySignerOnTheC2paRsAllowedListPasses() {
        for (X509Certificate leaf : TrustAnchors.fromPem(Path.of("testdata/pki/allowed_list.pem")).certificates()) {
            assertEquals(List.of(), CertificateProfile.problems(leaf), leaf.getSubjectX500Principal().getName());
        }
    }

    @Test
    void developmentSignerPasses(@TempDir Path dataDir) {
        assertEquals(List.of(), CertificateProfile.problems(DevelopmentCa.openOrCreate(dataDir).signer().leaf()));
    }

    @Test
    void aMinimalConformantSignerPasses() throws Exception {
        assertEquals(List.of(), CertificateProfile.problems(signer().build().certificate()));
    }

    @Test
    void missingOrganizationIsItsOwnKind() throws Exception {
        X509Certificate noOrganization = TestCertificates.signer("CN=No Org, OU=Unit").issuedBy(intermediate)
                .build().certificate();

        assertEquals(List.of(new Problem(Problem.Kind.MISSING_ORGANIZATION,
                "subject has no Organization (O) attribute")), CertificateProfile.problems(noOrganization));
    }

    @Test
    void caCertificatesAreNotSigners() throws Exception {
        assertSingleProblem(signer().ca(true), "is a CA certificate");
    }

    @Test
    void authorityKeyIdentifierIsRequired() throws Exception {
        assertSingleProblem(signer().withoutAuthorityKeyIdentifier(), "no AuthorityKeyIdentifier");
    }

    @Test
    void keyUsageMustBePresentAndAllowSigning() throws Exception {
        assertSingleProblem(signer().keyUsage(null), "no KeyUsage");
        assertSingleProblem(signer().keyUsage(KeyUsage.keyEncipherment), "neither digitalSignature nor nonRepudiation");
        assertSingleProblem(signer().keyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign),
                "keyCertSign but the certificate is not a CA");
        assertEquals(List.of(), CertificateProfile.problems(signer().keyUsage(KeyUsage.nonRepudiation).build()
                .certificate()));
    }

    @Test
    void extendedKeyUsageMustNameAC2paPurpose() throws Exception {
        assertSingleProblem(signer().extendedKeyUsages(), "no ExtendedKeyUsage");
        assertSingleProblem(signer().extendedKeyUsages(Oids.EKU_C2PA_CLAIM_SIGNING, Oids.EKU_ANY),
                "anyExtendedKeyUsage");
        assertSingleProblem(signer().extendedKeyUsages("1.3.6.1.5.5.7.3.1"), "no C2PA signing purpose");
        assertSingleProblem(signer().extendedKeyUsages(Oids.EKU_TIME_STAMPING, Oids.EKU_C2PA_CLAIM_SIGNING),
                "combines timeStamping or OCSPSigning");
        assertSingleProblem(signer().extendedKeyUsages(Oids.EKU_TIME_STAMPING, Oids.EKU_OCSP_SIGNING),
                "combines timeStamping or OCSPSigning");
        for (String allowed : List.of(Oids.EKU_EMAIL_PROTECTION, Oids.EKU_TIME_STAMPING, Oids.EKU_OCSP_SIGNING,
                Oids.EKU_DOCUMENT_SIGNING, Oids.EKU_C2PA_CLAIM_SIGNING, Oids.EKU_MICROSOFT_C2PA)) {
            assertEquals(List.of(), CertificateProfile.problems(signer().extendedKeyUsages(allowed)
                    .extendedKeyUsageCritical().build().certificate()), allowed);
        }
    }

    @Test
    void unrecognisedCriticalExtensionsAreRefused() throws Exception {
        assertSingleProblem(signer().criticalExtension("1.2.3.4.5"), "unrecognised critical extension 1.2.3.4.5");
    }

    @Test
    void onlyVersion3IsAccepted() throws Exception {
        List<Problem> problems = CertificateProfile.problems(signer().version1().build().certificate());

        assertTrue(problems.stream().anyMatch(problem -> problem.message().contains("v3 is required")), problems::toString);
    }

    @Test
    void signatureAlgorithmMustBeOneC2paAllows() throws Exception {
        assertSingleProblem(signer().signatureAlgorithm("SHA1withECDSA"), "is not allowed");
        assertSingleProblem(signer().signatureAlgorithm("SHA224withECDSA"), "is not allowed");
        assertEquals(List.of(), CertificateProfile.problems(signer().signatureAlgorithm("SHA512withECDSA").build()
                .certificate()));
    }

    @Test
    void rsassaPssSignaturesNeedASha2Hash() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        TestCertificates.Issued rsaIssuer = TestCertificates.ca("CN=RSA Root, O=Test").keyPair(rsa)
                .signatureAlgorithm("SHA256withRSA").build();

        X509Certificate pss256 = TestCertificates.signer("CN=PSS, O=Test").issuedBy(rsaIssuer)
                .signatureAlgorithm("SHA256withRSAandMGF1").build().certificate();
        X509Certificate pss1 = TestCertificates.signer("CN=PSS1, O=Test").issuedBy(rsaIssuer)
                .signatureAlgorithm("SHA1withRSAandMGF1").build().certificate();

        assertEquals(Oids.RSASSA_PSS, pss256.getSigAlgOID());
        assertEquals(List.of(), CertificateProfile.problems(pss256));
        assertSingleProblem(pss1, "is not SHA-256, SHA-384 or SHA-512");
    }

    @Test
    void weakOrUnusualKeysAreRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPairGenerator k1 = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        k1.initialize(new ECGenParameterSpec("secp256k1"));
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);

        assertSingleProblem(signer().keyPair(rsa.generateKeyPair()), "1024 bits");
        assertSingleProblem(signer().keyPair(k1.generateKeyPair()), "not on P-256, P-384 or P-521");
        assertSingleProblem(signer().keyPair(dsa.generateKeyPair()), "public key algorithm DSA");
        assertEquals(List.of(), CertificateProfile.problems(signer()
                .keyPair(KeyType.EC_P521.generateKeyPair(TestCertificates.RANDOM)).build().certificate()));
    }

    @Test
    void allProblemsAreReportedTogether() throws Exception {
        X509Certificate bad = TestCertificates.signer("CN=Everything Wrong").issuedBy(intermediate)
                .keyUsage(null).extendedKeyUsages().withoutAuthorityKeyIdentifier().build().certificate();

        List<Problem> problems = CertificateProfile.problems(bad);

        assertEquals(4, problems.size(), problems::toString);
        assertEquals(Problem.Kind.MISSING_ORGANIZATION, problems.get(3).kind());
    }

    @Test
    void validityIsInclusiveAtBothEnds() throws Exception {
        Instant notBefore = Instant.parse("2030-01-01T00:00:00Z");
        Instant notAfter = Instant.parse("2031-01-01T00:00:00Z");
        X509Certificate certificate = signer().validity(notBefore, notAfter).build().certificate();

        assertFalse(CertificateProfile.validAt(certificate, notBefore.minusSeconds(1)));
        assertTrue(CertificateProfile.validAt(certificate, notBefore));
        assertTrue(CertificateProfile.validAt(certificate, notAfter));
        assertFalse(CertificateProfile.validAt(certificate, notAfter.plusSeconds(1)));
    }

    private static TestCertificates signer() {
        return TestCertificates.signer("CN=Profile Signer, O=Test").issuedBy(intermediate);
    }

    private static void assertSingleProblem(TestCertificates builder, String expected) throws Exception {
        assertSingleProblem(builder.build().certificate(), expected);
    }

    private static void assertSingleProblem(X509Certificate certificate, String expected) {
        List<Problem> problems = CertificateProfile.problems(certificate);
        assertEquals(1, problems.size(), problems::toString);
        assertEquals(Problem.Kind.INVALID, problems.get(0).kind());
        assertTrue(problems.get(0).message().contains(expected), problems::toString);
    }
}
