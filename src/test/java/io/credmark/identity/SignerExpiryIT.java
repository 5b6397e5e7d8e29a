package io.credmark.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.validate.StatusEntry;
import io.credmark.pki.KeyType;
import io.credmark.pki.SigningCredentials;
import io.credmark.app.Credmark;
import io.credmark.verification.ReportJson;
import io.credmark.app.Settings;
import io.credmark.issuance.StampRequest;
import io.credmark.issuance.StampResult;
import io.credmark.verification.VerificationReport;
import io.credmark.testing.Corpus;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.TestInstallation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time-stamp makes a credential outlive its signer's certificate: a signer valid for a few seconds
 * ({@code keys rotate-signer --validity PT5S}) signs two images time-stamped and the same two without; once the
 * certificate has expired, c2pa-rs and credmark both still say Trusted for the first pair, and
 * {@code signingCredential.expired} for the second.
 */
class SignerExpiryIT {

    private static final List<String> IMAGES = List.of("testdata/images/rgb8.png", "testdata/images/baseline-420.jpg");

    @TempDir
    Path dir;

    @Test
    void aTimeStampedCredentialStaysTrustedAfterItsSignerExpiresAndAnUnstampedOneDoesNot() throws Exception {
        Path data = dir.resolve("data");
        TestInstallation timeStamped = TestInstallation.in(data);
        TestInstallation plain = TestInstallation.in(data, Map.of("tsa.url", "none"));
        for (TestInstallation warm : List.of(timeStamped, plain)) {
            // class loading and the first codec run happen before the short-lived signer exists
            warm.credmark().stamping().stamp(StampRequest.of(Corpus.bytes(IMAGES.get(0)),
                    TestInstallation.minimalProvenance()));
        }
        // what keys rotate-signer --validity PT5S does, in each installation's own CA so that it signs with it now
        Instant expiry = Instant.MAX;
        for (TestInstallation i : List.of(timeStamped, plain)) {
            SigningCredentials rotated = i.credmark().developmentCa().rotateSigner(KeyType.EC_P256,
                    Duration.ofSeconds(5));
            assertEquals(rotated.leaf(), i.credmark().signer().chain().get(0));
            Instant notAfter = rotated.leaf().getNotAfter().toInstant();
            expiry = notAfter.isBefore(expiry) ? notAfter : expiry;
        }

        List<Path> withTimeStamp = new ArrayList<>();
        List<Path> without = new ArrayList<>();
        for (String image : IMAGES) {
            StampResult stamped = timeStamped.credmark().stamping().stamp(StampRequest.of(Corpus.bytes(image),
                    TestInstallation.minimalProvenance()));
            Instant stampedAt = stamped.manifest().timeStamp().stamp().orElseThrow().time();
            assertTrue(stampedAt.isBefore(expiry), "signed at " + stampedAt + ", before the signer expired at "
                    + expiry + " (a machine this slow needs a longer validity here)");
            withTimeStamp.add(Files.write(dir.resolve("stamped-" + Path.of(image).getFileName()),
                    stamped.toByteArray()));
            StampResult unstamped = plain.credmark().stamping().stamp(StampRequest.of(Corpus.bytes(image),
                    TestInstallation.minimalProvenance()));
            assertEquals("time-stamping is off (tsa.url none)", unstamped.manifest().timeStamp().reason().orElseThrow());
            without.add(Files.write(dir.resolve("plain-" + Path.of(image).getFileName()), unstamped.toByteArray()));
        }
        Duration wait = Duration.between(Instant.now(), expiry.plusSeconds(1)).plusMillis(1500);
        if (!wait.isNegative()) {
            Thread.sleep(wait.toMillis());
        }

        ReferenceVerifier c2paRs = ReferenceVerifier.create().withTrustAnchors(timeStamped.rootPem());
        for (ReferenceVerdict v : c2paRs.verify(withTimeStamp)) {
            assertTrue(v.isTrusted(), v.summary());
            assertTrue(v.successCodes().contains("timeStamp.trusted"), v.successCodes().toString());
        }
        for (ReferenceVerdict v : c2paRs.verify(without)) {
            assertEquals("Invalid", v.validationState(), v.summary());
            assertTrue(v.failureCodes().contains("signingCredential.expired"), v.summary());
        }

        // credmark's verifier in another installation, trusting the stamping installation's root
        Credmark verifier = Credmark.open(Settings.of(dir.resolve("verifier-data")), List.of(timeStamped.rootPem()));
        for (Path file : withTimeStamp) {
            VerificationReport r = verifier.verification().verify(Files.readAllBytes(file));
            assertEquals(VerificationReport.Status.TRUSTED, r.status(), file + " " + ReportJson.failureCodes(r));
            assertTrue(r.validation().orElseThrow().of(StatusEntry.Kind.SUCCESS).stream()
                    .anyMatch(s -> s.code().equals("timeStamp.trusted")));
        }
        for (Path file : without) {
            VerificationReport r = verifier.verification().verify(Files.readAllBytes(file));
            assertEquals(VerificationReport.Status.INVALID, r.status(), file + " " + ReportJson.failureCodes(r));
            assertTrue(ReportJson.failureCodes(r).contains("signingCredential.expired"),
                    ReportJson.failureCodes(r).toString());
        }
    }
}
