package io.credmark.pki;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrustEvaluatorTest {

    /** Inside the validity of the c2pa-rs test certificates (2022-06-10 .. 2030-08-26). */
    private static final Instant C2PA_TEST_TIME = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void developmentSignerIsTrustedWithItsRoot() {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dataDir);

        TrustEvaluator.Result result = new TrustEvaluator(TrustAnchors.of(ca.root()))
                .evaluate(ca.signer().chain(), Instant.now());

        assertTrusted(result);
        assertTrue(result.reason().contains("credmark development root CA"), result.reason());
    }

    @Test
    void developmentSignerIsNotTrustedByAnotherInstallation() {
        DevelopmentCa ours = DevelopmentCa.openOrCreate(dataDir.resolve("ours"));
        DevelopmentCa theirs = DevelopmentCa.openOrCreate(dataDir.resolve("theirs"));

        TrustEvaluator.Result result = new TrustEvaluator(TrustAnchors.of(theirs.root()))
                .evaluate(ours.signer().chain(), Instant.now());

        assertUntrusted(result);
        assertTrue(result.reason().contains("intermediate CA"), result.reason());
    }

    @Test
    void anIntermediateCanBeTheAnchor() {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dataDir);
        TrustEvaluator evaluator = new TrustEvaluator(TrustAnchors.of(ca.intermediate()));

        assertTrusted(evaluator.evaluate(ca.signer().chain(), Instant.now()));
        assertTrusted(evaluator.evaluate(List.of(ca.signer().leaf()), Instant.now()));
    }

    @Test
    void anExpiredSignerIsTrustedOnlyWithinItsValidity() {
        Instant issued = Instant.now().minus(Duration.ofDays(7 * 365));
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dataDir, Clock.fixed(issued, ZoneOffset.UTC));
        SigningCredentials signer = ca.signer();
        TrustEvaluator evaluator = new TrustEvaluator(TrustAnchors.of(ca.root()));

        TrustEvaluator.Result now = evaluator.evaluate(signer.chain(), Instant.now());

        assertUntrusted(now);
        assertTrue(now.reason().contains("not valid at"), now.reason());
        assertTrusted(evaluator.evaluate(signer.chain(), issued.plus(Duration.ofDays(180))));
        assertUntrusted(evaluator.evaluate(signer.chain(), issued.minus(Duration.ofDays(1))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"es256", "ps256", "ed25519"})
    void c2paRsTestChainsAreTrustedByTheC2paTestAnchors(String name) {
        List<X509Certificate> chain = TrustAnchors.fromPem(Path.of("testdata/pki/" + name + ".pub")).certificates();
        TrustEvaluator evaluator = new TrustEvaluator(
                TrustAnchors.fromPem(Path.of("testdata/pki/test_cert_root_bundle.pem")));

        assertTrusted(evaluator.evaluate(chain, C2PA_TEST_TIME));
        assertUntrusted(evaluator.evaluate(List.of(chain.get(0)), C2PA_TEST_TIME));
        assertUntrusted(evaluator.evaluate(chain, Instant.parse("2031-01-01T00:00:00Z")));
        assertUntrusted(new TrustEvaluator(TrustAnchors.of(DevelopmentCa.openOrCreate(dataDir).root()))
                .evaluate(chain, C2PA_TEST_TIME));
    }

    @Test
    void theAllowedListTrustsALeafWithoutItsChain() {
        List<X509Certificate> allowed = TrustAnchors.fromPem(Path.of("testdata/pki/allowed_list.pem"))
                .certificates();
        X509Certificate leaf = TrustAnchors.fromPem(Path.of("testdata/pki/es256.pub")).certificates().get(0);

        TrustEvaluator.Result result = new TrustEvaluator(TrustAnchors.none(), allowed)
                .evaluate(List.of(leaf), C2PA_TEST_TIME);

        assertTrusted(result);
        assertTrue(result.reason().contains("allowed list"), result.reason());
        assertUntrusted(new TrustEvaluator(TrustAnchors.none()).evaluate(List.of(leaf), C2PA_TEST_TIME));
    }

    @Test
    void intermediatesMayComeInAnyOrderWithExtras() throws Exception {
        TestCertificates.Issued root = TestCertificates.ca("CN=Order Root, O=Test").build();
        TestCertificates.Issued upper = TestCertificates.ca("CN=Upper, O=Test").issuedBy(root).build();
        TestCertificates.Issued lower = TestCertificates.ca("CN=Lower, O=Test").issuedBy(upper).build();
        TestCertificates.Issued signer = TestCertificates.signer("CN=Signer, O=Test").issuedBy(lower).build();
        TestCertificates.Issued unrelated = TestCertificates.ca("CN=Lower, O=Test").build();
        List<X509Certificate> intermediates = new ArrayList<>(List.of(upper.certificate(), lower.certificate(),
                unrelated.certificate(), root.certificate()));
        Collections.reverse(intermediates);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(signer.certificate());
        chain.addAll(intermediates);

        assertTrusted(new TrustEvaluator(TrustAnchors.of(root.certificate())).evaluate(chain, Instant.now()));
    }

    @Test
    void extendedKeyUsageOfAnAnchorDoesNotConstrainTheSigner() throws Exception {
        TestCertificates.Issued root = TestCertificates.ca("CN=EKU Root, O=Test").build();
        TestCertificates.Issued intermediate = TestCertificates.ca("CN=EKU Intermediate, O=Test").issuedBy(root)
                .extendedKeyUsages("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2").extendedKeyUsageCritical().build();
        TestCertificates.Issued signer = TestCertificates.signer("CN=EKU Signer, O=Test").issuedBy(intermediate)
                .extendedKeyUsages(Oids.EKU_C2PA_CLAIM_SIGNING).build();
        List<X509Certificate> chain = List.of(signer.certificate(), intermediate.certificate());

        assertTrusted(new TrustEvaluator(TrustAnchors.of(intermediate.certificate()))
                .evaluate(chain, Instant.now()));
        assertTrusted(new TrustEvaluator(TrustAnchors.of(root.certificate())).evaluate(chain, Instant.now()));
    }

    @Test
    void anEndEntityCannotIssueCertificates() throws Exception {
        TestCertificates.Hierarchy hierarchy = TestCertificates.hierarchy();
        TestCertificates.Issued forged = TestCertificates.signer("CN=Forged, O=Test")
                .issuedBy(hierarchy.signer()).build();
        List<X509Certificate> chain = List.of(forged.certificate(), hierarchy.signer().certificate(),
                hierarchy.intermediate().certificate());

        TrustEvaluator.Result result = new TrustEvaluator(TrustAnchors.of(hierarchy.root().certificate()))
                .evaluate(chain, Instant.now());

        assertUntrusted(result);
        assertTrue(result.reason().contains("is not a CA"), result.reason());
    }

    @Test
    void aCaWithoutKeyCertSignCannotIssue() throws Exception {
        TestCertificates.Issued root = TestCertificates.ca("CN=KU Root, O=Test").build();
        TestCertificates.Issued intermediate = TestCertificates.ca("CN=KU Intermediate, O=Test").issuedBy(root)
                .keyUsage(KeyUsage.digitalSignature).build();
        TestCertificates.Issued signer = TestCertificates.signer("CN=KU Signer, O=Test").issuedBy(intermediate)
                .build();

        TrustEvaluator.Result result = new TrustEvaluator(TrustAnchors.of(root.certificate()))
                .evaluate(List.of(signer.certificate(), intermediate.certificate()), Instant.now());

        assertUntrusted(result);
        assertTrue(result.reason().contains("keyCertSign"), result.reason());
    }

    @Test
    void pathLengthConstraintsAreEnforced() throws Exception {
        TestCertificates.Hierarchy hierarchy = TestCertificates.hierarchy();
        TestCertificates.Issued subCa = TestCertificates.ca("CN=Too Deep, O=Test")
                .issuedBy(hierarchy.intermediate()).build();
        TestCertificates.Issued signer = TestCertificates.signer("CN=Deep Signer, O=Test").issuedBy(subCa).build();

        TrustEvaluator.Result result = new TrustEvaluator(TrustAnchors.of(hierarchy.root().certificate()))
                .evaluate(List.of(signer.certificate(), subCa.certificate(), hierarchy.intermediate().certificate()),
                        Instant.now());

        assertUntrusted(result);
        assertTrue(result.reason().contains("pathLenConstraint 0"), result.reason());
    }

    @Test
    void anExpiredIntermediateOrAnchorBreaksThePath() throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(30));
        TestCertificates.Issued root = TestCertificates.ca("CN=Time Root, O=Test")
                .validity(start, Instant.now().plus(Duration.ofDays(30))).build();
        TestCertificates.Issued intermediate = TestCertificates.ca("CN=Time Intermediate, O=Test").issuedBy(root)
                .validity(start, Instant.now().minus(Duration.ofDays(1))).build();
        TestCertificates.Issued signer = TestCertificates.signer("CN=Time Signer, O=Test").issuedBy(intermediate)
                .validity(start, Instant.now().plus(Duration.ofDays(30))).build();
        TrustEvaluator evaluator = new TrustEvaluator(TrustAnchors.of(root.certificate()));
        List<X509Certificate> chain = List.of(signer.certificate(), intermediate.certificate());

        TrustEvaluator.Result now = evaluator.evaluate(chain, Instant.now());

        assertUntrusted(now);
        assertTrue(now.reason().contains("CN=Time Intermediate") && now.reason().contains("not valid at"),
                now.reason());
        assertTrusted(evaluator.evaluate(chain, Instant.now().minus(Duration.ofDays(10))));
        assertUntrusted(new TrustEvaluator(TrustAnchors.of(intermediate.certificate()))
                .evaluate(chain, Instant.now()));
    }

    @Test
    void aTamperedSignatureIsNotTrusted() throws Exception {
        TestCertificates.Hierarchy real = TestCertificates.hierarchy();
        // Same names, different keys: the names chain, the signatures do not.
        TestCertificates.Issued impostor = TestCertificates.ca("CN=Test Intermediate, O=Test").pathLength(0).build();
        TestCertificates.Issued signer = TestCertificates.signer("CN=Test Signer, O=Test").issuedBy(impostor)
                .build();

        TrustEvaluator.Result result = new TrustEvaluator(TrustAnchors.of(real.root().certificate()))
                .evaluate(List.of(signer.certificate(), real.intermediate().certificate()), Instant.now());

        assertUntrusted(result);
        assertTrue(result.reason().contains("no trusted issuer"), result.reason());
    }

    @Test
    void emptyChainIsNotTrusted() {
        assertUntrusted(new TrustEvaluator(TrustAnchors.none()).evaluate(List.of(), Instant.now()));
    }

    private static void assertTrusted(TrustEvaluator.Result result) {
        assertTrue(result.trusted(), result.reason());
        assertFalse(result.reason().isBlank());
    }

    private static void assertUntrusted(TrustEvaluator.Result result) {
        assertFalse(result.trusted(), result.reason());
        assertFalse(result.reason().isBlank());
    }
}
