package io.credmark.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.c2pa.assertion.Action;
import io.credmark.http.StampOptionsJson;
import io.credmark.testing.Corpus;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.TestInstallation;
import io.credmark.verification.ReportJson;
import io.credmark.verification.VerificationReport;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stamp with the visible mark: drawn before signing, so the manifest binds the marked pixels; recorded as a
 * {@code c2pa.edited} action with the mark's box as a region, and in credmark's assertion.
 */
class MarkedStampIT {

    @TempDir
    Path dir;

    @Test
    void theMarkIsSignedRecordedAndAcceptedByC2paRs() throws Exception {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        StampOptions options = StampOptionsJson.parse(new ObjectMapper().readTree(
                "{\"marker\":{\"position\":\"top-left\",\"style\":\"dark\"}}"));
        List<Path> outputs = new ArrayList<>();
        for (String input : List.of("testdata/images/rgba8.png", "testdata/images/baseline-420.jpg",
                "testdata/c2pa-fixtures/generated/signed-es256.jpg")) {
            byte[] original = Corpus.bytes(input);
            StampResult result = installation.credmark().stamping().stamp(
                    StampRequest.of(original, TestInstallation.exampleProvenance()).withOptions(options));
            Rectangle box = result.mark().orElseThrow().box();
            assertTrue(box.x < result.width() / 2 && box.y < result.height() / 2, "top-left: " + box);
            byte[] stamped = result.toByteArray();

            BufferedImage before = ImageIO.read(new ByteArrayInputStream(original));
            BufferedImage after = ImageIO.read(new ByteArrayInputStream(stamped));
            assertTrue(differs(before, after, box), "the mark changed pixels inside its box");

            VerificationReport report = installation.credmark().verification().verify(stamped);
            assertEquals(VerificationReport.Status.TRUSTED, report.status(), ReportJson.failureCodes(report).toString());
            List<Action> actions = report.validation().orElseThrow().manifest().actions();
            assertEquals(Action.EDITED, actions.get(actions.size() - 1).action());
            JsonNode marker = ReportJson.render(report).at("/summary/marker");
            assertEquals(box.x, marker.at("/box/x").asInt());
            assertEquals(box.width, marker.at("/box/width").asInt());
            Path out = dir.resolve("marked-" + Path.of(input).getFileName());
            Files.write(out, stamped);
            outputs.add(out);
        }
        for (ReferenceVerdict v : ReferenceVerifier.create().withTrustAnchors(installation.rootPem())
                .verify(outputs)) {
            assertTrue(v.isTrusted() && v.failureCodes().isEmpty(), v.summary());
        }
    }

    private static boolean differs(BufferedImage a, BufferedImage b, Rectangle box) {
        for (int y = box.y; y < box.y + box.height; y++) {
            for (int x = box.x; x < box.x + box.width; x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }
}
