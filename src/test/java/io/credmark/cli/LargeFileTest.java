package io.credmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.testing.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local files larger than the service's upload limit: a metadata-only stamp needs no pixel, so it is not refused. */
class LargeFileTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPngOverFiftyMegabytesStampsMetadataOnlyAndVerifies() throws Exception {
        Path in = noisePng(dir.resolve("large.png"), 4200, 4200); // 53 MB: incompressible, stored uncompressed
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

    /** An 8-bit RGB PNG of random pixels, deflated at level 0 so that writing it is quick. */
    private static Path noisePng(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Random random = new Random(1);
        byte[] row = new byte[1 + width * 3];
        try (OutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.NO_COMPRESSION), 1 << 16)) {
            for (int y = 0; y < height; y++) {
                random.nextBytes(row);
                row[0] = 0; // filter: none
                z.write(row);
            }
        }
        try (DataOutputStream png = new DataOutputStream(Files.newOutputStream(file))) {
            png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(ihdr);
            h.writeInt(width);
            h.writeInt(height);
            h.write(new byte[] {8, 2, 0, 0, 0});
            chunk(png, "IHDR", ihdr.toByteArray());
            chunk(png, "IDAT", idat.toByteArray());
            chunk(png, "IEND", new byte[0]);
        }
        return file;
    }

    private static void chunk(DataOutputStream png, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        png.writeInt(data.length);
        png.write(name);
        png.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeInt((int) crc.getValue());
    }
}
