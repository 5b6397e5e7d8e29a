package io.credmark.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorsTest {

    private static final Path C2PA_TEST_ANCHORS = Path.of("testdata/pki/test_cert_root_bundle.pem");

    @TempDir
    Path dir;

    @Test
    void readsTheC2paTestBundle() {
        TrustAnchors anchors = TrustAnchors.fromPem(C2PA_TEST_ANCHORS);

        assertEquals(8, anchors.certificates().size());
        assertTrue(anchors.certificates().stream().allMatch(certificate -> certificate.getBasicConstraints() >= 0));
    }

    @Test
    void toleratesTextBetweenBlocksAndIgnoresOtherBlocks() throws Exception {
        TestCertificates.Hierarchy hierarchy = TestCertificates.hierarchy();
        String bundle = "# Test bundle\n"
                + "subject=CN=Test Root\n"
                + "Certificate:\n    Data:\n        Version: 3 (0x2)\n"
                + Pem.certificate(hierarchy.root().certificate())
                + "\n\n"
                + Pem.privateKey(hierarchy.root().key())
                + "   trailing comment\n"
                + Pem.certificate(hierarchy.intermediate().certificate()).replace("\n", "\r\n");
        Path file = Files.writeString(dir.resolve("bundle.pem"), bundle);

        TrustAnchors anchors = TrustAnchors.fromPem(file);

        assertEquals(List.of(hierarchy.root().certificate(), hierarchy.intermediate().certificate()),
                anchors.certificates());
    }

    @Test
    void mergeKeepsOrderAndDropsDuplicates() throws Exception {
        TestCertificates.Hierarchy one = TestCertificates.hierarchy();
        TestCertificates.Hierarchy two = TestCertificates.hierarchy();
        TrustAnchors first = TrustAnchors.of(one.root().certificate(), two.root().certificate());
        TrustAnchors second = TrustAnchors.of(two.root().certificate(), two.intermediate().certificate());

        TrustAnchors merged = first.merge(second);

        assertEquals(List.of(one.root().certificate(), two.root().certificate(), two.intermediate().certificate()),
                merged.certificates());
        assertEquals(merged, second.merge(first));
    }

    @Test
    void severalFilesAndPemRoundTrip() throws Exception {
        Path second = Files.writeString(dir.resolve("second.pem"),
                DevelopmentCa.openOrCreate(dir.resolve("data")).rootPem());
        TrustAnchors anchors = TrustAnchors.fromPem(C2PA_TEST_ANCHORS, second);

        Path written = Files.writeString(dir.resolve("written.pem"), anchors.toPem());

        assertEquals(9, anchors.certificates().size());
        assertEquals(anchors.certificates(), TrustAnchors.fromPem(written).certificates());
        assertEquals(anchors.certificates(), TrustAnchors.fromPemText(anchors.toPem(), "text").certificates());
    }

    @Test
    void aFileWithoutCertificatesIsAnError() throws Exception {
        TestCertificates.Hierarchy hierarchy = TestCertificates.hierarchy();
        Path keyOnly = Files.writeString(dir.resolve("key-only.pem"), Pem.privateKey(hierarchy.root().key()));
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");

        for (Path file : List.of(keyOnly, empty, dir.resolve("absent.pem"))) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> TrustAnchors.fromPem(C2PA_TEST_ANCHORS, file));
            assertEquals(InvalidInputException.Kind.BAD_REQUEST, e.kind());
            assertTrue(e.getMessage().startsWith(file.getFileName().toString()), e.getMessage());
        }
    }

    @Test
    void aDamagedCertificateIsAnError() throws Exception {
        Path damaged = Files.writeString(dir.resolve("damaged.pem"),
                "-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAKHHIG\n-----END CERTIFICATE-----\n");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrustAnchors.fromPem(damaged));
        assertTrue(e.getMessage().contains("damaged.pem"), e.getMessage());
    }
}
