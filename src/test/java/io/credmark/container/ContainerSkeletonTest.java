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
                // only a JPEG that does not end with EOI has none
                assertTrue(whole[whole.length - 2] != (byte) 0xFF || whole[whole.length - 1] != (byte) 0xD9, in
                        .toString());
                continue;
            }
            skeletons++;
            ContainerSkeleton skeleton = read.get();
            assertTrue(skeleton.bytes().length < whole.length, in.toString());
            ParsedImage parsedSkeleton = AssetHandlers.read(skeleton.bytes());
            ParsedImage parsedWhole = AssetHandlers.read(whole);
            assertEquals(parsedWhole.header(), parsedSkeleton.header(), in.toString());
            assertEquals(parsedWhole.remoteManifestUrl(), parsedSkeleton.remoteManifestUrl(), in.toString());
            assertEquals(parsedWhole.insertionOffset(), parsedSkeleton.insertionOffset(), in.toString());
            assertArrayEquals(whole, expanded(skeleton), in.toString());
        }
        assertTrue(skeletons >= 25, "skeletons read: " + skeletons);
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
        for (int i = 0; i + part.length <= in.length; i++) {
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

    @Test
    void aJpegWithBytesAfterEoiHasNoSkeletonAndIsReadWhole() throws IOException {
        byte[] jpeg = Corpus.bytes("testdata/images/baseline-420.jpg");
        Path file = Files.write(dir.resolve("trailer.jpg"), Arrays.copyOf(jpeg, jpeg.length + 16));
        assertTrue(ContainerSkeleton.read(file).isEmpty());
    }

    private static byte[] expanded(ContainerSkeleton skeleton) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmbeddingPlan.replacingStores(AssetHandlers.read(skeleton.bytes())).expanding(skeleton)
                .writeTo(out, new byte[0]);
        return out.toByteArray();
    }
}
