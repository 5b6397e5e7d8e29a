package io.credmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import static io.credmark.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.bench.Attacks;
import io.credmark.cli.CliRunner.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stamp --watermark} records the credential in the data directory; {@code verify} recovers it offline. */
class WatermarkCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PHOTO = "testdata/watermark/heldout/photo-mate-wood-768x768.jpg";

    @Test
    void aWatermarkedStampIsRecoveredOfflineFromACopyWithoutMetadata(@TempDir Path dir) throws Exception {
        String data = dir.resolve("data").toString();
        Path stamped = dir.resolve("stamped.jpg");
        Path evidence = dir.resolve("evidence.json");
        Run stamp = run("stamp", "--in", PHOTO, "--out", stamped.toString(), "--provenance",
                "testdata/provenance/example.json", "--data", data, "--watermark", "--evidence-out",
                evidence.toString());
        assertEquals(0, stamp.exit(), stamp.err());
        String id = stamp.json().at("/credential/id").asText();
        assertEquals(13, id.length(), stamp.out());
        assertTrue(stamp.json().at("/watermark/embedded").asBoolean(), stamp.out());
        // a recorded stamp's bundle names its credential and carries the signature's evidence
        JsonNode bundle = JSON.readTree(Files.readString(evidence));
        assertEquals(id, bundle.at("/credential/id").asText(), bundle.toString());
        assertTrue(bundle.at("/signature/freshTimeStamp/token").isTextual(), bundle.toString());

        Run issued = run("verify", stamped.toString(), "--data", data, "--evidence", evidence.toString());
        assertEquals(0, issued.exit(), issued.err());
        assertEquals("valid", issued.json().at("/evidence/status").asText(), issued.out());
        assertEquals("trusted", issued.json().get("status").asText());
        assertEquals("issued-file", issued.json().at("/watermark/checked").asText());
        assertTrue(issued.json().at("/credential/known").asBoolean());

        Path copy = dir.resolve("copy.png");
        Files.write(copy, Attacks.encodePng(Attacks.decode(Files.readAllBytes(stamped))));
        Run recovered = run("verify", copy.toString(), "--data", data);
        assertEquals(VerifyCommand.RECOVERED, recovered.exit(), recovered.err());
        assertEquals("recovered", recovered.json().get("status").asText());
        assertEquals(id, recovered.json().at("/recovered/id").asText());
        assertTrue(recovered.err().contains("may have been changed"), recovered.err());

        Run elsewhere = run("verify", copy.toString(), "--data", dir.resolve("other").toString());
        assertEquals(2, elsewhere.exit(), "another data directory has no such credential: " + elsewhere.out());
        assertFalse(elsewhere.out().contains(id));
    }

    @Test
    void aRequiredWatermarkThatCannotBeCarriedFailsWithoutWritingAnything(@TempDir Path dir) {
        Path out = dir.resolve("out.png");
        Run r = run("stamp", "--in", "testdata/images/palette8-trns.png", "--out", out.toString(), "--provenance",
                "testdata/provenance/example.json", "--data", dir.resolve("data").toString(), "--watermark");
        assertEquals(2, r.exit(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("options.watermark: this image cannot carry the invisible watermark"), r.err());
        assertFalse(Files.exists(out));
    }
}
