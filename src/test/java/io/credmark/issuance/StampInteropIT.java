package io.credmark.issuance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.c2pa.assertion.IngredientAssertion;
import io.credmark.c2pa.validate.StatusEntry;
import io.credmark.container.ContainerSkeleton;
import io.credmark.testing.Corpus;
import io.credmark.testing.LargeImages;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.StoreContents;
import io.credmark.testing.TestInstallation;
import io.credmark.verification.ReportJson;
import io.credmark.verification.VerificationReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of PNG and JPEG credmark stamps is accepted by the reference implementation, c2pa-rs (through the
 * project's Node harness): Trusted with credmark's root as the only anchor, no failure code. credmark's own
 * verifier agrees.
 */
class StampInteropIT {

    /** Inputs that already carry a manifest from another producer: they become the parent ingredient. */
    private static final List<String> PARENTS = List.of("testdata/c2pa-fixtures/generated/signed-es256.jpg",
            "testdata/c2pa-fixtures/generated/signed-es256.png", "testdata/c2pa-fixtures/CA.jpg",
            "testdata/c2pa-fixtures/100kb-signed.png");

    @TempDir
    Path dir;

    @Test
    void everyStampedImageIsTrustedByC2paRs() throws IOException {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        List<Path> inputs = new ArrayList<>(Corpus.images());
        PARENTS.forEach(p -> inputs.add(Corpus.file(p)));
        List<Path> outputs = new ArrayList<>();
        for (Path in : inputs) {
            byte[] input = Corpus.bytes(in);
            StampResult result = installation.credmark().stamping().stamp(new StampRequest(input,
                    TestInstallation.exampleProvenance(), Optional.empty(), Optional.of(in.getFileName().toString())));
            Path out = dir.resolve("stamped-" + in.getFileName());
            Files.write(out, result.toByteArray());
            outputs.add(out);
            assertEquals(PARENTS.contains(Corpus.root().relativize(in).toString()), result.parentManifest().isPresent(),
                    in + ": a manifest already present becomes the parent");
            VerificationReport ours = installation.credmark().verification().verify(Files.readAllBytes(out));
            assertEquals(VerificationReport.Status.TRUSTED, ours.status(), in + " " + ReportJson.failureCodes(ours));
            List<String> oursSucceeded = ours.validation().orElseThrow().of(StatusEntry.Kind.SUCCESS).stream()
                    .map(StatusEntry::code).toList();
            assertTrue(oursSucceeded.containsAll(List.of("timeStamp.validated", "timeStamp.trusted")),
                    in + ": " + oursSucceeded);
            assertEquals(result.manifest().timeStamp().stamp().orElseThrow().time(),
                    ours.validation().orElseThrow().manifest().signer().orElseThrow().signedAt().orElseThrow());
        }
        assertAllTrusted(installation, outputs);
    }

    /**
     * Stamped metadata-only from their skeletons, image data hashed and copied from the file (as the command line
     * stamps large files): every corpus image, a 19 MB PNG of many IDAT chunks with text after them, JPEGs with bytes
     * after their EOI (kept as they are), and files that carry a manifest store, from other producers and from an
     * earlier stamp, whose store becomes the same parent ingredient as when the file is stamped whole.
     */
    @Test
    void everyImageStampedFromItsSkeletonIsTrustedByC2paRs() throws IOException {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        List<Path> inputs = new ArrayList<>(Corpus.images());
        inputs.add(LargeImages.noisePng(dir.resolve("large.png"), 2500, 2500, 8192));
        byte[] trailer = new byte[50_000];
        new java.util.Random(15).nextBytes(trailer);
        for (String name : List.of("baseline-420.jpg", "progressive.jpg")) {
            inputs.add(Files.write(dir.resolve("trailer-" + name), concat(Corpus.bytes("testdata/images/" + name),
                    trailer)));
        }
        PARENTS.forEach(p -> inputs.add(Corpus.file(p)));
        Path restamped = dir.resolve("stamped-before.png");
        Files.write(restamped, installation.credmark().stamping().stamp(StampRequest.of(
                Corpus.bytes("testdata/images/rgb8.png"), TestInstallation.minimalProvenance())).toByteArray());
        inputs.add(restamped);
        List<Path> outputs = new ArrayList<>();
        int parents = 0;
        for (Path in : inputs) {
            Optional<ContainerSkeleton> skeleton = ContainerSkeleton.read(in);
            if (skeleton.isEmpty()) {
                continue;
            }
            StampRequest request = new StampRequest(skeleton.get().bytes(), TestInstallation.exampleProvenance(),
                    Optional.empty(), Optional.of(in.getFileName().toString()));
            StampResult result = installation.credmark().stamping().stamp(request, skeleton.get());
            Path out = dir.resolve("streamed-" + in.getFileName());
            try (OutputStream o = Files.newOutputStream(out)) {
                result.writeTo(o);
            }
            outputs.add(out);
            byte[] written = Files.readAllBytes(out);
            VerificationReport ours = installation.credmark().verification().verify(written);
            assertEquals(VerificationReport.Status.TRUSTED, ours.status(), in + " " + ReportJson.failureCodes(ours));
            StampResult whole = installation.credmark().stamping().stamp(new StampRequest(Files.readAllBytes(in),
                    request.provenance(), Optional.empty(), request.sourceName()));
            if (in.getFileName().toString().startsWith("trailer-")) {
                // kept as they are, as a stamp of the whole file keeps them
                for (byte[] stamped : List.of(written, whole.toByteArray())) {
                    assertArrayEquals(trailer, Arrays.copyOfRange(stamped, stamped.length - trailer.length,
                            stamped.length), in.toString());
                }
            }
            assertEquals(whole.parentManifest(), result.parentManifest(), in.toString());
            if (result.parentManifest().isPresent()) {
                parents++;
                assertArrayEquals(StoreContents.activeAssertion(whole.toByteArray(), IngredientAssertion.LABEL_V3),
                        StoreContents.activeAssertion(written, IngredientAssertion.LABEL_V3), in.toString());
            }
        }
        assertTrue(outputs.size() >= 26 + 2 + PARENTS.size() + 1, "stamped: " + outputs.size());
        assertEquals(PARENTS.size() + 1, parents);
        assertAllTrusted(installation, outputs);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /**
     * With the watermark (the service's default): every image that can carry it is written back with it, and c2pa-rs
     * still finds the stamp Trusted; the others are stamped without it and say why.
     */
    @Test
    void everyWatermarkedImageIsTrustedByC2paRsAndCarriesItsId() throws IOException {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        List<Path> inputs = new ArrayList<>(Corpus.images());
        PARENTS.forEach(p -> inputs.add(Corpus.file(p)));
        // photographs at generator sizes, as JPEG (colour, grey) and as PNG (RGB, RGBA): these must all carry it
        List<Path> photos = new ArrayList<>(List.of(Corpus.file("testdata/watermark/heldout/photo-mate-dune-1024x1024.jpg"),
                Corpus.file("testdata/watermark/heldout/photo-kde-grey-832x1216.jpg")));
        java.awt.image.BufferedImage art = javax.imageio.ImageIO.read(Corpus.file(
                "testdata/watermark/heldout/art-kde-volna-768x768.jpg").toFile());
        java.awt.image.BufferedImage rgba = new java.awt.image.BufferedImage(art.getWidth(), art.getHeight(),
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        rgba.createGraphics().drawImage(art, 0, 0, null);
        for (java.awt.image.BufferedImage im : List.of(art, rgba)) {
            Path png = dir.resolve("photo-" + im.getType() + ".png");
            javax.imageio.ImageIO.write(im, "png", png.toFile());
            photos.add(png);
        }
        inputs.addAll(photos);
        List<Path> outputs = new ArrayList<>();
        int embedded = 0;
        List<String> skipped = new ArrayList<>();
        for (Path in : inputs) {
            long payload = 0x00ab_cdef_0000L + outputs.size();
            StampResult result = installation.credmark().stamping().stamp(new StampRequest(Corpus.bytes(in),
                    TestInstallation.exampleProvenance(), Optional.empty(), Optional.of(in.getFileName().toString()),
                    io.credmark.disclosure.DisclosurePolicy.ALL_PUBLIC, StampOptions.SERVICE_DEFAULT,
                    java.util.OptionalLong.of(payload)));
            WatermarkStamp watermark = result.watermark().orElseThrow();
            Path out = dir.resolve("watermarked-" + in.getFileName());
            Files.write(out, result.toByteArray());
            outputs.add(out);
            if (watermark.embedded()) {
                embedded++;
                assertEquals(payload, installation.credmark().verification().scanWatermark(result.toByteArray())
                        .detection().orElseThrow(() -> new AssertionError(in + ": watermark not found")).payloadId());
            } else {
                String reason = watermark.skipped().orElseThrow();
                assertTrue(List.of("palette", "CMYK", "smaller than", "survives").stream().anyMatch(reason::contains),
                        in + ": " + reason);
                skipped.add(in.getFileName() + ": " + reason);
            }
        }
        // the corpus images are small (400x225 and the like) and synthetic: most are too small, or too flat at JPEG
        // quality 85, to carry it; the photographs all do
        assertTrue(skipped.stream().noneMatch(s -> s.startsWith("photo")), skipped.toString());
        assertTrue(embedded >= photos.size() + 4, embedded + " of " + inputs.size() + ": skipped " + skipped);
        assertAllTrusted(installation, outputs);
    }

    @Test
    void everySignatureAlgorithmIsTrustedByC2paRs() throws IOException {
        List<Path> outputs = new ArrayList<>();
        for (String alg : List.of("es256", "es384", "ps256", "ed25519")) {
            TestInstallation installation = TestInstallation.in(dir.resolve("data"), Map.of("signer.algorithm", alg));
            for (String in : List.of("testdata/images/rgba8.png", "testdata/images/progressive.jpg")) {
                Path out = dir.resolve(alg + "-" + Path.of(in).getFileName());
                Files.write(out, installation.credmark().stamping().stamp(
                        StampRequest.of(Corpus.bytes(in), TestInstallation.minimalProvenance())).toByteArray());
                outputs.add(out);
            }
        }
        assertAllTrusted(TestInstallation.in(dir.resolve("data")), outputs);
    }

    /**
     * A parent carrying a CAWG identity assertion: c2pa-rs judges every CAWG credential against its CAWG trust list,
     * ingredients' included, and reports an untrusted one on the active manifest; it is tolerated, so the stamp is
     * Valid with exactly that failure. credmark's verifier says the same.
     */
    @Test
    void aParentWithACawgIdentityStaysValidWithOnlyTheToleratedCawgFailure() throws IOException {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        Path out = dir.resolve("cawg-parent.jpg");
        Files.write(out, installation.credmark().stamping().stamp(StampRequest.of(
                Corpus.bytes("testdata/c2pa-fixtures/C_with_CAWG_data.jpg"), TestInstallation.minimalProvenance()))
                .toByteArray());
        ReferenceVerdict reference = ReferenceVerifier.create().withTrustAnchors(installation.rootPem()).verify(out);
        assertEquals("Valid", reference.validationState(), reference.summary());
        assertEquals(List.of("cawg.x509.credential.untrusted"), reference.failureCodes());
        VerificationReport ours = installation.credmark().verification().verify(Files.readAllBytes(out));
        assertEquals(VerificationReport.Status.VALID, ours.status());
        assertEquals(List.of("cawg.x509.credential.untrusted"), ReportJson.failureCodes(ours));
    }

    private static void assertAllTrusted(TestInstallation installation, List<Path> outputs) {
        List<ReferenceVerdict> verdicts = ReferenceVerifier.create().withTrustAnchors(installation.rootPem())
                .verify(outputs);
        assertEquals(outputs.size(), verdicts.size());
        for (ReferenceVerdict v : verdicts) {
            assertTrue(v.isTrusted() && v.failureCodes().isEmpty(), v.summary());
            // the built-in TSA's time-stamp is checked and, with credmark's root as anchor, trusted
            assertTrue(v.successCodes().containsAll(List.of("timeStamp.validated", "timeStamp.trusted")),
                    v.file() + ": " + v.successCodes() + " " + v.informationalCodes());
        }
    }
}
