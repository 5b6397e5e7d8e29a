package io.credmark.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.InvalidInputException;
import io.credmark.testing.Corpus;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AssetHandlersTest {

    static Stream<Path> images() {
        return Corpus.images().stream();
    }

    @ParameterizedTest
    @MethodSource("images")
    void insertingAStoreKeepsEveryOtherByteAndCanBeReadBack(Path file) {
        byte[] input = Corpus.bytes(file);
        ParsedImage image = AssetHandlers.read(input);
        assertTrue(image.header().width() > 0 && image.header().height() > 0, image.header().toString());
        assertTrue(image.stores().isEmpty());

        byte[] store = fakeStore(3000);
        EmbeddingPlan plan = EmbeddingPlan.replacingStores(image);
        byte[] carrier = plan.wrap(store);
        assertEquals(plan.carrierLength(store.length), carrier.length);
        byte[] output = plan.assemble(carrier);

        int at = (int) plan.insertionOffset();
        assertArrayEquals(input, cut(output, at, carrier.length), "bytes outside the carrier changed");
        ParsedImage reread = AssetHandlers.read(output);
        assertEquals(1, reread.stores().size());
        assertArrayEquals(store, reread.stores().get(0).jumbf());
        assertEquals(at, reread.stores().get(0).start());
        assertEquals(carrier.length, reread.stores().get(0).length());
        assertEquals(image.header(), reread.header());
        assertTrue(reread.problems().isEmpty(), reread.problems().toString());
    }

    @Test
    void aJpegStoreLargerThanOneSegmentSpansSeveralApp11Segments() {
        byte[] input = Corpus.bytes("testdata/images/baseline-420.jpg");
        byte[] store = fakeStore(150_000);
        EmbeddingPlan plan = EmbeddingPlan.replacingStores(AssetHandlers.read(input));
        byte[] output = plan.assemble(plan.wrap(store));
        ParsedImage reread = AssetHandlers.read(output);
        assertTrue(reread.problems().isEmpty(), reread.problems().toString());
        ManifestStoreCarrier carrier = reread.stores().get(0);
        assertEquals(3, carrier.ranges().size());
        assertArrayEquals(store, carrier.jumbf());
        // C2PA spec 2.2 §A.3.1: L + 12n + 8(n-1) bytes for n segments
        assertEquals(150_000 + 12 * 3 + 8 * 2, carrier.length());
    }

    @Test
    void replacingAStoreRemovesTheOldOneAndKeepsTheRest() {
        for (String name : List.of("testdata/c2pa-fixtures/generated/signed-es256.jpg",
                "testdata/c2pa-fixtures/generated/signed-es256.png")) {
            byte[] input = Corpus.bytes(name);
            ParsedImage image = AssetHandlers.read(input);
            ManifestStoreCarrier old = image.stores().get(0);
            byte[] withoutOld = cut(input, (int) old.start(), (int) old.length());
            EmbeddingPlan plan = EmbeddingPlan.replacingStores(image);
            byte[] carrier = plan.wrap(fakeStore(500));
            byte[] output = plan.assemble(carrier);
            assertArrayEquals(withoutOld, cut(output, (int) plan.insertionOffset(), carrier.length), name);
        }
    }

    @Test
    void pngStoreGoesRightAfterIhdrAndJpegStoreAfterApp0() {
        assertEquals(33, AssetHandlers.read(Corpus.bytes("testdata/images/rgb8.png")).insertionOffset());
        assertEquals(20, AssetHandlers.read(Corpus.bytes("testdata/images/baseline-420.jpg")).insertionOffset());
        assertEquals(2, AssetHandlers.read(Corpus.bytes("testdata/images/exif-no-app0.jpg")).insertionOffset());
    }

    @Test
    void headersAreReadWithoutDecoding() {
        assertEquals("RGBA 8-bit", AssetHandlers.read(Corpus.bytes("testdata/images/rgba8.png")).header().description());
        assertTrue(AssetHandlers.read(Corpus.bytes("testdata/images/interlaced-adam7.png")).header().description()
                .contains("interlaced"));
        assertTrue(AssetHandlers.read(Corpus.bytes("testdata/images/progressive.jpg")).header().description()
                .contains("progressive"));
        assertEquals(4, AssetHandlers.read(Corpus.bytes("testdata/images/cmyk-adobe.jpg")).header().components());
        assertEquals(16, AssetHandlers.read(Corpus.bytes("testdata/images/rgb16.png")).header().bitDepth());
        ImageHeader bomb = AssetHandlers.read(Corpus.bytes("testdata/malformed/png-ihdr-100000x100000.png")).header();
        assertEquals(10_000_000_000L, bomb.pixels());
    }

    @Test
    void aRemoteManifestReferenceInXmpIsFoundAndLocalOnesAreNot() {
        assertEquals("https://cai-manifests.adobe.com/manifests/adobe-urn-uuid-5f37e182-3687-462e-a7fb-573462780391",
                AssetHandlers.read(Corpus.bytes("testdata/c2pa-fixtures/cloud.jpg")).remoteManifestUrl().orElseThrow());
        assertFalse(AssetHandlers.read(Corpus.bytes("testdata/c2pa-fixtures/no_manifest.jpg")).remoteManifestUrl()
                .isPresent());
    }

    static Stream<Path> malformed() {
        return Corpus.malformed().stream().filter(p -> !READABLE.contains(p.getFileName().toString()));
    }

    /** Files of the malformed corpus whose container is intact; their problems lie elsewhere. */
    private static final List<String> READABLE = List.of("png-bad-crc-ihdr.png", "png-ihdr-100000x100000.png",
            "jpeg-sof-65535x65535.jpg", "png-two-cabx.png", "jpeg-two-c2pa-stores.jpg", "jpeg-c2pa-deep-cbor.jpg");

    @ParameterizedTest
    @MethodSource("malformed")
    void damagedContainersAreRejectedWithAOneLineReason(Path file) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AssetHandlers.read(Corpus.bytes(file)));
        assertFalse(e.getMessage().isBlank());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void twoStoresAreRefused() {
        for (String f : List.of("testdata/malformed/png-two-cabx.png", "testdata/malformed/jpeg-two-c2pa-stores.jpg")) {
            ParsedImage image = AssetHandlers.read(Corpus.bytes(f));
            InvalidInputException e = assertThrows(InvalidInputException.class, image::store);
            assertTrue(e.getMessage().contains("2 C2PA manifest stores"), e.getMessage());
        }
    }

    @Test
    void aBadCrcIsRecordedNotFatal() {
        ParsedImage image = AssetHandlers.read(Corpus.bytes("testdata/malformed/png-bad-crc-ihdr.png"));
        assertEquals(1, image.problems().size());
        assertThrows(InvalidInputException.class, image::requireUndamaged);
    }

    @Test
    void everyTruncationOfAPngOrJpegIsRejectedCleanly() {
        for (String f : List.of("testdata/images/rgb8.png", "testdata/images/progressive.jpg")) {
            byte[] whole = Corpus.bytes(f);
            for (int len = 0; len < whole.length - 1; len += Math.max(1, whole.length / 97)) {
                byte[] part = Arrays.copyOf(whole, len);
                assertThrows(InvalidInputException.class, () -> AssetHandlers.read(part), f + " cut at " + len);
            }
        }
    }

    static byte[] fakeStore(int size) {
        byte[] s = new byte[size];
        new Random(size).nextBytes(s);
        // a JUMBF superbox header whose description box starts with the C2PA store UUID, as readers look for
        io.credmark.bytes.BigEndian.putU32(s, 0, size);
        System.arraycopy("jumb".getBytes(), 0, s, 4, 4);
        io.credmark.bytes.BigEndian.putU32(s, 8, 30);
        System.arraycopy("jumdc2pa".getBytes(), 0, s, 12, 8);
        return s;
    }

    static byte[] cut(byte[] b, int at, int length) {
        byte[] out = new byte[b.length - length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + length, out, at, b.length - at - length);
        return out;
    }
}
