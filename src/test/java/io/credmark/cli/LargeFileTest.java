package io.credmark.cli;

import static io.credmark.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.cli.CliRunner.Run;
import io.credmark.testing.Corpus;
import io.credmark.testing.LargeImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local files larger than the service's upload limit: a metadata-only stamp needs no pixel, so it is not refused. */
class LargeFileTest {

    @TempDir
    Path dir;

    @Test
    void aPngOverFiftyMegabytesStampsMetadataOnlyAndVerifies() throws Exception {
        // 53 MB: incompressible, stored uncompressed
        Path in = LargeImages.noisePng(dir.resolve("large.png"), 4200, 4200, 1 << 20);
        assertTrue(Files.size(in) > 50L << 20, "over the upload limit: " + Files.size(in));
        Path out = dir.resolve("stamped.png");
        String data = dir.resolve("data").toString();
        Run stamp = run(Map.of(), "stamp", "--in", in.toString(), "--out", out.toString(), "--provenance",
                Corpus.file("testdata/provenance/minimal.json").toString(), "--data", data);
        assertEquals(0, stamp.exit(), stamp.err());
        Run verify = run(Map.of(), "verify", out.toString(), "--data", data);
        assertEquals(0, verify.exit(), verify.err());
        assertEquals("trusted", new ObjectMapper().readTree(verify.out()).get("status").asText(), verify.out());

        // the limit is a setting
        Path refused = dir.resolve("refused.png");
        Run small = run(Map.of("CREDMARK_LIMITS_MAX_FILE_BYTES", Long.toString(10L << 20)), "stamp", "--in",
                in.toString(), "--out", refused.toString(), "--provenance",
                Corpus.file("testdata/provenance/minimal.json").toString(), "--data", data);
        assertEquals(2, small.exit(), small.err());
        assertTrue(small.err().contains("the limit is " + (10L << 20)), small.err());
        assertFalse(Files.exists(refused));
    }
}
