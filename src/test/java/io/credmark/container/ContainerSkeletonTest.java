package io.credmark.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.InvalidInputException;
import io.credmark.bytes.Sha256;
import io.credmark.testing.Corpus;
import io.credmark.testing.LargeImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file read as its skeleton reads as the whole file does, and expands back into exactly the file's bytes. */
class ContainerSkeletonTest {

    @TempDir
    Path dir;

    @Test
    void everyCorpusImageExpandsBackToItsBytesAndReadsAlike() throws IOException {
        int skeletons = 0;
        for (Path in : Corpus.images()) {
            Optional<ContainerSkeleton> read = ContainerSkeleton.read(in);
            byte[] whole = Files.readAllBytes(in);
            if (read.isEmpty()) {
                // only a JPEG with bytes after its EOI and metadata between its scans has none
                assertTrue(whole[whole.length - 2] != (byte) 0xFF || whole[whole.length - 1] != (byte) 0xD9, in
                        .toString());
                continue;
            }
            skeletons++;
            assertReadsAlikeAndExpandsBack(in, read.get());
        }
        assertTrue(skeletons >= 25, "skeletons read: " + skeletons);
    }

    private static void assertReadsAlikeAndExpandsBack(Path in, ContainerSkeleton skeleton) throws IOException {
        byte[] whole = Files.readAllBytes(in);
        assertTrue(skeleton.bytes().length < whole.length, in.toString());
        ParsedImage parsedSkeleton = AssetHandlers.read(skeleton.bytes());
        ParsedImage parsedWhole = AssetHandlers.read(whole);
        assertEquals(parsedWhole.header(), parsedSkeleton.header(), in.toString());
        assertEquals(parsedWhole.remoteManifestUrl(), parsedSkeleton.remoteManifestUrl(), in.toString());
        assertEquals(parsedWhole.insertionOffset(), parsedSkeleton.insertionOffset(), in.toString());
        assertEquals(parsedWhole.stores().size(), parsedSkeleton.stores().size(), in.toString());
        assertArrayEquals(whole, expanded(skeleton), in.toString());
    }

    @Test
    void aStoreFoundInTheSkeletonIsPlacedInTheFileAndTheFileIsHashedByRanges() throws IOException {
        Path in = LargeImages.noisePng(dir.resolve("noise.png"), 700, 500, 8192);
        byte[] whole = Files.readAllBytes(in);
        ContainerSkeleton skeleton = ContainerSkeleton.read(in).orElseThrow();
        // the tEXt chunk after the image data stands for a carrier found past the placeholder
        byte[] text = "tEXtComment".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int inSkeleton = indexOf(skeleton.bytes(), text) - 4;
        int inWhole = indexOf(whole, text) - 4;
        ManifestStoreCarrier found = new ManifestStoreCarrier(new byte[0], java.util.List.of(
                new ByteRange(8, 25), new ByteRange(inSkeleton, 20)));
        assertEquals(java.util.List.of(new ByteRange(8, 25), new ByteRange(inWhole, 20)),
                skeleton.inFile(found).ranges());

        AssetBytes file = skeleton.fileBytes();
        assertEquals(whole.length, file.length());
        MessageDigest digest = Sha256.digest();
        file.digest(digest, 0, 1000);
        file.digest(digest, 1000, whole.length - 1000);
        assertArrayEquals(Sha256.of(whole), digest.digest());
    }

    private static int indexOf(byte[] in, byte[] part) {
        return indexOf(in, part, 0);
    }

    private static int indexOf(byte[] in, byte[] part, int from) {
        for (int i = from; i + part.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void aStoreInsertedIntoASkeletonLandsWhereItWouldInTheWholeFileAndTheDigestCoversTheImageData()
            throws IOException {
        Path in = LargeImages.noisePng(dir.resolve("noise.png"), 700, 500, 8192);
        byte[] whole = Files.readAllBytes(in);
        ContainerSkeleton skeleton = ContainerSkeleton.read(in).orElseThrow();
        assertTrue(skeleton.bytes().length < 200, "the skeleton holds no image data: " + skeleton.bytes().length);
        byte[] carrier = AssetHandlers.of(ImageFormat.PNG).wrapStore(new byte[] {0, 0, 0, 8, 'j', 'u', 'm', 'b'});
        EmbeddingPlan streamed = EmbeddingPlan.replacingStores(AssetHandlers.read(skeleton.bytes()))
                .expanding(skeleton);
        EmbeddingPlan inMemory = EmbeddingPlan.replacingStores(AssetHandlers.read(whole));
        assertEquals(inMemory.insertionOffset(), streamed.insertionOffset());
        assertEquals(inMemory.keptLength(), streamed.keptLength());
        assertArrayEquals(inMemory.assemble(carrier), streamed.assemble(carrier));
        MessageDigest a = Sha256.digest();
        MessageDigest b = Sha256.digest();
        inMemory.digestKept(a);
        streamed.digestKept(b);
        assertArrayEquals(a.digest(), b.digest());
    }

    @Test
    void damageInTheImageDataIsFoundAsItStreamsPast() throws IOException {
        Path in = LargeImages.noisePng(dir.resolve("noise.png"), 300, 200, 8192);
        byte[] damaged = Files.readAllBytes(in);
        damaged[damaged.length / 2] ^= 1;
        Path file = Files.write(dir.resolve("damaged.png"), damaged);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ContainerSkeleton.read(file));
        assertTrue(e.getMessage().contains("chunk IDAT") && e.getMessage().contains("bad CRC"), e.getMessage());
    }

    @Test
    void imageDataSplitByAnotherChunkIsRefused() throws IOException {
        byte[] png = Files.readAllBytes(LargeImages.noisePng(dir.resolve("noise.png"), 300, 200, 8192));
        // move the tEXt chunk (just before IEND) between the first and second IDAT chunks
        int iend = png.length - 12;
        int text = iend - (12 + "Comment\0written after the image data".length());
        int secondIdat = 33 + 12 + 8192;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, secondIdat);
        out.write(png, text, iend - text);
        out.write(png, secondIdat, text - secondIdat);
        out.write(png, iend, 12);
        Path file = Files.write(dir.resolve("split.png"), out.toByteArray());
        assertEquals(png.length, Files.size(file));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ContainerSkeleton.read(file));
        assertTrue(e.getMessage().contains("does not follow the other IDAT chunks"), e.getMessage());
    }

    /**
     * Bytes after EOI (a motion photo's video, an appended JPEG, anything) are elided with the image data and come
     * back as they were, for baseline, progressive (tables between scans) and restart-marker JPEGs.
     */
    @Test
    void aJpegWithBytesAfterEoiHasASkeletonThatKeepsThem() throws IOException {
        byte[] trailer = trailer();
        for (String name : List.of("baseline-420.jpg", "progressive.jpg", "restart-markers.jpg", "grayscale.jpg")) {
            Path file = Files.write(dir.resolve("trailer-" + name), concat(Corpus.bytes("testdata/images/" + name),
                    trailer));
            ContainerSkeleton skeleton = ContainerSkeleton.read(file).orElseThrow(() -> new AssertionError(name));
            assertEquals(file.toFile().length(), skeleton.elided().end(), name);
            assertReadsAlikeAndExpandsBack(file, skeleton);
        }
    }

    /** Between scans the whole file's reader sees segments that the skeleton would not hold: the file is read whole. */
    @Test
    void aJpegWithBytesAfterEoiAndMetadataBetweenScansIsReadWhole() throws IOException {
        byte[] progressive = Corpus.bytes("testdata/images/progressive.jpg");
        int secondScan = indexOf(progressive, new byte[] {(byte) 0xFF, (byte) 0xDA}, 300);
        byte[] comment = {(byte) 0xFF, (byte) 0xFE, 0, 6, 'n', 'o', 't', 'e'};
        byte[] withComment = concat(Arrays.copyOf(progressive, secondScan), comment,
                Arrays.copyOfRange(progressive, secondScan, progressive.length));
        assertEquals(AssetHandlers.read(progressive).header(), AssetHandlers.read(withComment).header());
        Path endsWithEoi = Files.write(dir.resolve("comment.jpg"), withComment);
        assertTrue(ContainerSkeleton.read(endsWithEoi).isPresent(), "a file that ends with EOI is read to its scan");
        Path trailing = Files.write(dir.resolve("comment-trailer.jpg"), concat(withComment, trailer()));
        assertTrue(ContainerSkeleton.read(trailing).isEmpty());
    }

    /**
     * A JPEG cut short anywhere after its first scan header (in its scans, between them, inside a marker or a
     * segment) is refused as the whole file's reader refuses it, with the same message.
     */
    @Test
    void aJpegCutShortIsRefusedAsWhenReadWhole() throws IOException {
        byte[] progressive = Corpus.bytes("testdata/images/progressive.jpg");
        int firstScanData = indexOf(progressive, new byte[] {(byte) 0xFF, (byte) 0xDA}, 0) + 14;
        int refused = 0;
        for (int at = firstScanData; at < progressive.length - 2; at += 97) {
            int cut = at;
            byte[] cutShort = Arrays.copyOf(progressive, cut);
            if (cutShort[cut - 2] == (byte) 0xFF && cutShort[cut - 1] == (byte) 0xD9) {
                continue;
            }
            Path file = Files.write(dir.resolve("cut.jpg"), cutShort);
            InvalidInputException whole = assertThrows(InvalidInputException.class,
                    () -> AssetHandlers.read(cutShort), "cut at " + cut);
            InvalidInputException streamed = assertThrows(InvalidInputException.class,
                    () -> ContainerSkeleton.read(file), "cut at " + cut);
            assertEquals(whole.getMessage(), streamed.getMessage(), "cut at " + cut);
            refused++;
        }
        // the segments between scans, cut inside their marker, their length or their body
        for (int marker : List.of(2090, 2139, 17346)) {
            for (int cut : List.of(marker + 1, marker + 3, marker + 6)) {
                byte[] cutShort = Arrays.copyOf(progressive, cut);
                Path file = Files.write(dir.resolve("cut.jpg"), cutShort);
                assertEquals(assertThrows(InvalidInputException.class, () -> AssetHandlers.read(cutShort))
                        .getMessage(), assertThrows(InvalidInputException.class, () -> ContainerSkeleton.read(file))
                        .getMessage(), "cut at " + cut);
                refused++;
            }
        }
        assertTrue(refused > 200, "cuts: " + refused);
        Path truncated = Corpus.file("testdata/malformed/jpeg-truncated-entropy.jpg");
        assertEquals(assertThrows(InvalidInputException.class, () -> AssetHandlers.read(Files.readAllBytes(truncated)))
                .getMessage(), assertThrows(InvalidInputException.class, () -> ContainerSkeleton.read(truncated))
                .getMessage());
    }

    /** What tools append after EOI: here another JPEG's start and end markers among random bytes. */
    private static byte[] trailer() {
        byte[] trailer = new byte[100_000];
        new java.util.Random(15).nextBytes(trailer);
        trailer[10] = (byte) 0xFF;
        trailer[11] = (byte) 0xD8;
        trailer[500] = (byte) 0xFF;
        trailer[501] = (byte) 0xD9;
        return trailer;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] expanded(ContainerSkeleton skeleton) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmbeddingPlan.replacingStores(AssetHandlers.read(skeleton.bytes())).expanding(skeleton)
                .writeTo(out, new byte[0]);
        return out.toByteArray();
    }
}
