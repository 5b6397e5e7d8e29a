package io.credmark.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.issuance.StampRequest;
import io.credmark.pixels.marker.MarkResult;
import io.credmark.pixels.marker.Marker;
import io.credmark.pixels.marker.MarkerOptions;
import io.credmark.testing.Corpus;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.TestInstallation;
import io.credmark.verification.ReportJson;
import io.credmark.verification.VerificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline the stamp service will run: decode, mark, encode, then sign. Every marked image of the corpus comes
 * out Trusted from credmark's verifier and from the reference implementation (c2pa-rs), so the codec's files are
 * containers the C2PA layer and other tools accept.
 */
class MarkedStampInteropIT {

    @TempDir
    Path dir;

    @Test
    void markedAndStampedImagesAreTrustedByBothVerifiers() throws IOException {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        PixelCodec codec = new PixelCodec();
        List<Path> outputs = new ArrayList<>();
        for (Path in : Corpus.images()) {
            String name = in.getFileName().toString();
            if (name.startsWith("cmyk") || name.startsWith("ycck")) {
                continue; // refused by the codec: stamped without a mark
            }
            Decoded d = codec.decode(Corpus.bytes(in));
            MarkResult mark = Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k", d.orientation())
                    .orElseThrow();
            assertTrue(mark.box().width > 0);
            byte[] marked = codec.encode(d, d.image());
            byte[] stamped = installation.credmark().stamping()
                    .stamp(StampRequest.of(marked, TestInstallation.minimalProvenance())).toByteArray();
            VerificationReport ours = installation.credmark().verification().verify(stamped);
            assertEquals(VerificationReport.Status.TRUSTED, ours.status(), name + " " + ReportJson.failureCodes(ours));
            Path out = dir.resolve("marked-" + name);
            Files.write(out, stamped);
            outputs.add(out);
        }
        ReferenceVerifier.create().withTrustAnchors(installation.rootPem()).assertAllTrusted(outputs);
    }
}
