package io.credmark.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.assertion.CredmarkAssertion;
import io.credmark.c2pa.jumbf.JumbfReader;
import io.credmark.c2pa.jumbf.Slice;
import io.credmark.c2pa.jumbf.SuperBox;
import io.credmark.container.AssetHandlers;
import io.credmark.container.ImageFormat;
import io.credmark.container.ManifestStoreCarrier;
import io.credmark.container.ParsedImage;
import io.credmark.container.png.PngChunk;
import io.credmark.container.png.PngChunkReader;
import io.credmark.issuance.StampRequest;
import io.credmark.testing.Corpus;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.TestInstallation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-byte change in the pixel data, in an assertion, or in the claim signature is reported with the matching
 * failure code by c2pa-rs and by credmark alike.
 */
class TamperIT {

    @TempDir
    Path dir;

    @Test
    void oneByteChangesAreCaughtByBothVerifiers() throws IOException {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        Map<Path, String> expected = new LinkedHashMap<>();
        for (String in : List.of("testdata/images/rgb8.png", "testdata/images/baseline-420.jpg")) {
            byte[] stamped = installation.credmark().stamping().stamp(
                    StampRequest.of(Corpus.bytes(in), TestInstallation.exampleProvenance())).toByteArray();
            ParsedImage image = AssetHandlers.read(stamped);
            String name = Path.of(in).getFileName().toString();
            expected.put(write(flip(stamped, pixelByte(image)), "pixel-" + name), "assertion.dataHash.mismatch");
            expected.put(write(flip(stamped, storeByte(image, credmarkAssertionContent(image))), "assertion-" + name),
                    "assertion.hashedURI.mismatch");
            expected.put(write(flip(stamped, storeByte(image, lastSignatureByte(image))), "signature-" + name),
                    "claimSignature.mismatch");
        }
        List<Path> files = new ArrayList<>(expected.keySet());
        List<ReferenceVerdict> reference = ReferenceVerifier.create().withTrustAnchors(installation.rootPem())
                .verify(files);
        for (int i = 0; i < files.size(); i++) {
            String code = expected.get(files.get(i));
            ReferenceVerdict v = reference.get(i);
            assertEquals("Invalid", v.validationState(), v.summary());
            assertTrue(v.failureCodes().contains(code), "c2pa-rs: " + v.summary());
            VerificationReport ours = installation.credmark().verification().verify(Files.readAllBytes(files.get(i)));
            assertEquals(VerificationReport.Status.INVALID, ours.status(), files.get(i).toString());
            assertTrue(ReportJson.failureCodes(ours).contains(code), files.get(i) + " " + ReportJson.failureCodes(ours));
        }
    }

    /**
     * A byte changed inside the parent's manifest after it was taken in as an ingredient: the ingredient no longer
     * matches the hash the new manifest committed to, and validating it again finds the changed assertion.
     */
    @Test
    void aChangedIngredientManifestMakesTheStampInvalidInBothVerifiers() throws IOException {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        byte[] stamped = installation.credmark().stamping().stamp(StampRequest.of(
                Corpus.bytes("testdata/c2pa-fixtures/generated/signed-es256.jpg"),
                TestInstallation.minimalProvenance())).toByteArray();
        ParsedImage image = AssetHandlers.read(stamped);
        SuperBox store = JumbfReader.readSuperBox(image.store().orElseThrow().jumbf());
        SuperBox parent = store.superBoxes().get(0);
        Slice actions = parent.child("c2pa.assertions").orElseThrow().child("c2pa.actions.v2").orElseThrow()
                .firstContent().orElseThrow().payload();
        Path tampered = write(flip(stamped, storeByte(image, actions.offset() + actions.length() / 2)),
                "ingredient-tampered.jpg");

        ReferenceVerdict reference = ReferenceVerifier.create().withTrustAnchors(installation.rootPem())
                .verify(tampered);
        assertEquals("Invalid", reference.validationState(), reference.summary());
        assertTrue(reference.failureCodes().contains("ingredient.manifest.mismatch"), reference.summary());
        VerificationReport ours = installation.credmark().verification().verify(Files.readAllBytes(tampered));
        assertEquals(VerificationReport.Status.INVALID, ours.status());
        assertEquals(new java.util.HashSet<>(reference.failureCodes()),
                new java.util.HashSet<>(ReportJson.failureCodes(ours)));
    }

    private Path write(byte[] bytes, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x01;
        return copy;
    }

    /** A byte in the middle of the compressed image data that stays clear of JPEG markers when flipped. */
    private static int pixelByte(ParsedImage image) {
        byte[] b = image.bytes();
        if (image.format() == ImageFormat.PNG) {
            PngChunk idat = PngChunkReader.read(b).chunks().stream().filter(c -> c.type().equals("IDAT")).findFirst()
                    .orElseThrow();
            return (int) idat.dataOffset() + idat.dataLength() / 2;
        }
        for (int i = b.length - 200; i > 0; i--) {
            int v = b[i] & 0xFF;
            if (v != 0xFF && (v ^ 1) != 0xFF && (b[i - 1] & 0xFF) != 0xFF && (b[i + 1] & 0xFF) != 0xFF) {
                return i;
            }
        }
        throw new AssertionError("no entropy-coded byte found");
    }

    private static int credmarkAssertionContent(ParsedImage image) {
        SuperBox store = JumbfReader.readSuperBox(image.store().orElseThrow().jumbf());
        SuperBox manifest = store.superBoxes().get(store.superBoxes().size() - 1);
        Slice content = manifest.child("c2pa.assertions").orElseThrow().child(CredmarkAssertion.LABEL).orElseThrow()
                .firstContent().orElseThrow().payload();
        return content.offset() + content.length() / 2;
    }

    private static int lastSignatureByte(ParsedImage image) {
        SuperBox store = JumbfReader.readSuperBox(image.store().orElseThrow().jumbf());
        SuperBox manifest = store.superBoxes().get(store.superBoxes().size() - 1);
        Slice cose = manifest.child("c2pa.signature").orElseThrow().firstContent().orElseThrow().payload();
        return cose.offset() + cose.length() - 1;
    }

    /** Maps an offset in the store's JUMBF to the file: past the caBX chunk header, or the first APP11 header. */
    private static int storeByte(ParsedImage image, int jumbfOffset) {
        ManifestStoreCarrier carrier = image.store().orElseThrow();
        assertEquals(1, carrier.ranges().size(), "the store fits one carrier segment");
        int header = image.format() == ImageFormat.PNG ? 8 : 4 + 8;
        return (int) carrier.start() + header + jumbfOffset;
    }
}
