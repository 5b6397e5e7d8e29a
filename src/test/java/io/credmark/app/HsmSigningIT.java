package io.credmark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.issuance.StampRequest;
import io.credmark.pki.Pkcs11Credentials;
import io.credmark.testing.Corpus;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.SoftHsm;
import io.credmark.testing.TestInstallation;
import io.credmark.verification.ReportJson;
import io.credmark.verification.VerificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing with a key that never leaves a PKCS#11 token: a real SoftHSM2 token (see {@link SoftHsm}), a P-256 key
 * generated on it, a certificate from a development CA stored beside it, and stamps that c2pa-rs calls Trusted.
 */
class HsmSigningIT {

    @TempDir
    Path dir;

    @Test
    void stampsAreSignedOnTheTokenAndTrusted() throws Exception {
        SoftHsm token = SoftHsm.shared();
        Pkcs11Credentials signer = Pkcs11Credentials.open(token.config(), SoftHsm.PIN.toCharArray(), SoftHsm.SIGNER);
        assertNull(signer.privateKey().getEncoded(), "the private key cannot be exported from the token");

        TestInstallation hsm = TestInstallation.in(dir.resolve("data"), token.signerSettings());
        List<Path> outputs = new ArrayList<>();
        for (String input : List.of("testdata/images/rgb8.png", "testdata/images/progressive.jpg")) {
            byte[] stamped = hsm.credmark().stamping().stamp(
                    StampRequest.of(Corpus.bytes(input), TestInstallation.minimalProvenance())).toByteArray();
            VerificationReport ours = hsm.credmark().verification().verify(stamped);
            assertEquals(VerificationReport.Status.TRUSTED, ours.status(), ReportJson.failureCodes(ours).toString());
            assertEquals("credmark HSM signer", ours.validation().orElseThrow().manifest().signer().orElseThrow()
                    .commonName());
            Path out = dir.resolve("hsm-" + Path.of(input).getFileName());
            Files.write(out, stamped);
            outputs.add(out);
        }
        for (ReferenceVerdict v : ReferenceVerifier.create().withTrustAnchors(token.signerRoot()).verify(outputs)) {
            assertTrue(v.isTrusted() && v.failureCodes().isEmpty(), v.summary());
        }
    }
}
