package io.credmark.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the reference-verifier harness itself: known fixtures must get the verdicts recorded in
 * {@code testdata/c2pa-fixtures/RESULTS.txt} (lines "c2pa-rs (test anchors)" and "c2pa-rs (no anchors)").
 */
class ReferenceVerifierIT {

    @Test
    void fixturesGetTheVerdictsOfResultsTxt() {
        ReferenceVerifier verifier = ReferenceVerifier.withFixtureTrustAnchors();
        Path trusted = verifier.fixture("generated/signed-es256.jpg");
        Path tampered = verifier.fixture("XCA.jpg");
        Path plain = verifier.fixture("no_manifest.jpg");

        List<ReferenceVerdict> v = verifier.verify(List.of(trusted, tampered, plain));

        assertEquals(3, v.size());
        assertAll(
                // signed-es256.jpg  c2pa-rs (test anchors) exit=0 Trusted []
                () -> assertEquals(trusted, v.get(0).file()),
                () -> assertEquals("Trusted", v.get(0).validationState(), v.get(0).summary()),
                () -> assertEquals(List.of(), v.get(0).failureCodes(), v.get(0).summary()),
                () -> assertTrue(v.get(0).successCodes().contains("claimSignature.validated"), v.get(0).summary()),
                () -> assertTrue(v.get(0).successCodes().contains("assertion.dataHash.match"), v.get(0).summary()),
                () -> assertTrue(v.get(0).isTrusted()),
                () -> assertNull(v.get(0).error()),
                // XCA.jpg  c2pa-rs (test anchors) exit=1 Invalid [assertion.dataHash.mismatch]
                () -> assertEquals(tampered, v.get(1).file()),
                () -> assertEquals("Invalid", v.get(1).validationState(), v.get(1).summary()),
                () -> assertEquals(List.of("assertion.dataHash.mismatch"), v.get(1).failureCodes(), v.get(1).summary()),
                () -> assertFalse(v.get(1).isTrusted()),
                // no_manifest.jpg  c2pa-rs (test anchors) exit=2 none [] (C2pa(JumbfNotFound))
                () -> assertEquals(plain, v.get(2).file()),
                () -> assertNull(v.get(2).validationState(), v.get(2).summary()),
                () -> assertFalse(v.get(2).hasManifest()),
                () -> assertEquals(List.of(), v.get(2).failureCodes()),
                () -> assertNotNull(v.get(2).error()),
                () -> assertTrue(v.get(2).error().contains("JumbfNotFound"), v.get(2).summary()));
    }

    @Test
    void withoutTrustAnchorsTheSignerIsUntrusted() {
        ReferenceVerifier verifier = ReferenceVerifier.create();
        // signed-es256.jpg  c2pa-rs (no anchors) exit=1 Valid [signingCredential.untrusted]
        ReferenceVerdict v = verifier.verify(verifier.fixture("generated/signed-es256.jpg"));
        assertEquals("Valid", v.validationState(), v.summary());
        assertEquals(List.of("signingCredential.untrusted"), v.failureCodes(), v.summary());
    }

    @Test
    void missingNodeModulesIsAnErrorNotASkip(@TempDir Path project) throws IOException {
        Files.createDirectories(project.resolve("interop"));
        Files.writeString(project.resolve("interop/verify.mjs"), "// placeholder\n");
        ReferenceVerifier verifier = ReferenceVerifier.create(project);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> verifier.verify(project.resolve("interop/verify.mjs")));
        assertTrue(e.getMessage().contains("npm ci"), e.getMessage());
    }
}
