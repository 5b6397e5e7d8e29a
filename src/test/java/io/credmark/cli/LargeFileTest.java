package io.credmark.cli;

import static io.credmark.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.c2pa.assertion.IngredientAssertion;
import io.credmark.cli.CliRunner.Run;
import io.credmark.testing.Corpus;
import io.credmark.testing.LargeImages;
import io.credmark.testing.StoreContents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Local files larger than the service's upload limit: a metadata-only stamp needs no pixel, so it is not refused.
 * Files of {@code limits.stream-from-bytes} or more are stamped from their skeletons; small files stand for large
 * ones here, with the threshold set below their size.
 */
class LargeFileTest {

    private static final Map<String, String> STREAMED = Map.of("CREDMARK_LIMITS_STREAM_FROM_BYTES", "1024");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * A file that carries a manifest store, from another producer, tampered with, or stamped by credmark before:
     * streamed, its store becomes the same parent ingredient, with the same validation, as when it is read whole.
     */
    @ParameterizedTest
    @ValueSource(strings = {"testdata/c2pa-fixtures/generated/signed-es256.jpg",
            "testdata/c2pa-fixtures/generated/signed-es256.png", "testdata/c2pa-fixtures/CA.jpg",
            "testdata/c2pa-fixtures/generated/signed-es256-tampered.jpg", "testdata/images/rgb8.png"})
    void aFileWithAManifestStoreStreamsWithTheIngredientItGetsWhenReadWhole(String input) throws Exception {
        Path in = Corpus.file(input);
        String data = dir.resolve("data").toString();
        if (input.startsWith("testdata/images/")) {
            Path stamped = dir.resolve("stamped-before-" + in.getFileName());
            assertEquals(0, stamp(Map.of(), in, stamped, data).exit());
            in = stamped;
        }
        Path whole = dir.resolve("whole-" + in.getFileName());
        Path streamed = dir.resolve("streamed-" + in.getFileName());
        Run wholeStamp = stamp(Map.of(), in, whole, data);
        assertEquals(0, wholeStamp.exit(), wholeStamp.err());
        Run streamedStamp = stamp(STREAMED, in, streamed, data);
        assertEquals(0, streamedStamp.exit(), streamedStamp.err());
        assertEquals(wholeStamp.json().get("parentManifest"), streamedStamp.json().get("parentManifest"));

        JsonNode wholeReport = verify(whole, data);
        JsonNode streamedReport = verify(streamed, data);
        assertEquals("trusted", streamedReport.get("status").asText(), streamedReport.toString());
        JsonNode ingredients = streamedReport.at("/summary/ingredients");
        assertEquals(1, ingredients.size(), streamedReport.toString());
        assertEquals("parentOf", ingredients.get(0).get("relationship").asText());
        assertEquals(streamedStamp.json().get("parentManifest").asText(), ingredients.get(0).get("manifest")
                .asText());
        assertEquals(wholeReport.at("/summary/ingredients"), ingredients);
        // the ingredient assertion records the parent's validation: the tampered one's hard binding fails, hashed
        // over the file's ranges as over the whole file
        byte[] ingredient = StoreContents.activeAssertion(Files.readAllBytes(streamed), IngredientAssertion.LABEL_V3);
        assertArrayEquals(StoreContents.activeAssertion(Files.readAllBytes(whole), IngredientAssertion.LABEL_V3),
                ingredient);
        assertEquals(input.contains("tampered"), new String(ingredient, StandardCharsets.ISO_8859_1)
                .contains("assertion.dataHash.mismatch"));
    }

    private static Run stamp(Map<String, String> env, Path in, Path out, String data) {
        return run(env, "stamp", "--in", in.toString(), "--out", out.toString(), "--provenance",
                Corpus.file("testdata/provenance/minimal.json").toString(), "--data", data);
    }

    private static JsonNode verify(Path file, String data) throws Exception {
        Run verify = run(STREAMED, "verify", file.toString(), "--data", data);
        assertEquals(0, verify.exit(), verify.err());
        return JSON.readTree(verify.out());
    }

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
