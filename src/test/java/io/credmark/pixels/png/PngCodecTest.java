package io.credmark.pixels.png;

import static io.credmark.pixels.PixelTesting.bytes;
import static io.credmark.pixels.PixelTesting.chunk;
import static io.credmark.pixels.PixelTesting.chunks;
import static io.credmark.pixels.PixelTesting.chunksAroundIdat;
import static io.credmark.pixels.PixelTesting.differencesInside;
import static io.credmark.pixels.PixelTesting.differencesOutside;
import static io.credmark.pixels.PixelTesting.insertBefore;
import static io.credmark.pixels.PixelTesting.pngImageIo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.pixels.PixelCodec;
import io.credmark.pixels.Decoded;
import io.credmark.pixels.PixelTesting;
import io.credmark.InvalidInputException;
import io.credmark.container.AssetHandlers;
import io.credmark.pixels.PixelTesting.Chunk;
import io.credmark.pixels.marker.MarkResult;
import io.credmark.pixels.marker.Marker;
import io.credmark.pixels.marker.MarkerOptions;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PngCodecTest {

    private static final PixelCodec CODEC = new PixelCodec();

    static Stream<String> pngs() {
        List<String> all = new ArrayList<>(PixelTesting.files("testdata/images", ".png"));
        all.addAll(PixelTesting.files("testdata/pixels", ".png"));
        all.removeIf(n -> n.endsWith("marker-gallery.png"));
        return all.stream();
    }

    /** The codec's decoder agrees sample for sample with the JDK's PNG reader. */
    @ParameterizedTest
    @MethodSource("pngs")
    void decodesTheSameSamplesAsImageIo(String name) {
        byte[] input = bytes(name);
        Decoded d = CODEC.decode(input);
        BufferedImage ref = pngImageIo(input);
        assertEquals(ref.getWidth(), d.width());
        assertEquals(ref.getHeight(), d.height());
        int depth = d.header().bitDepth();
        boolean palette = d.header().description().startsWith("palette");
        int scale = !palette && depth < 8 ? 255 / ((1 << depth) - 1) : 1;
        for (int y = 0; y < d.height(); y++) {
            for (int x = 0; x < d.width(); x++) {
                int[] mine = d.image().getRaster().getPixel(x, y, (int[]) null);
                if (palette) {
                    int argb = d.image().getRGB(x, y);
                    int want = ref.getRGB(x, y);
                    if (!d.image().getColorModel().hasAlpha()) {
                        want |= 0xFF000000;
                    }
                    assertEquals(want, argb, name + " at " + x + "," + y);
                } else {
                    int[] theirs = ref.getRaster().getPixel(x, y, (int[]) null);
                    for (int i = 0; i < theirs.length; i++) {
                        theirs[i] *= scale;
                    }
                    assertArrayEquals(theirs, mine, name + " at " + x + "," + y);
                }
            }
        }
    }

    /** Nothing changed: same pixels, same IHDR, every other chunk byte for byte in the same place. */
    @ParameterizedTest
    @MethodSource("pngs")
    void unchangedPixelsRoundTrip(String name) {
        byte[] input = bytes(name);
        Decoded d = CODEC.decode(input);
        byte[] output = CODEC.encode(d, d.image());
        assertEquals(0, differencesOutside(pngImageIo(input), pngImageIo(output), null), name);
        assertEquals(chunksAroundIdat(input), chunksAroundIdat(output), name);
    }

    /**
     * A mark: pixels outside its box are sample-identical (16-bit included), pixels inside changed, IHDR (colour
     * type, bit depth, interlace) and every ancillary chunk are byte-identical and in place around IDAT.
     */
    @ParameterizedTest
    @MethodSource("pngs")
    void markChangesOnlyItsBoxAndKeepsEveryChunk(String name) {
        byte[] input = bytes(name);
        Decoded d = CODEC.decode(input);
        MarkResult mark = Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k", d.orientation()).orElseThrow();
        byte[] output = CODEC.encode(d, d.image());

        BufferedImage before = pngImageIo(input);
        BufferedImage after = pngImageIo(output);
        Rectangle box = mark.box();
        assertEquals(0, differencesOutside(before, after, box), name + ": pixels outside " + box + " changed");
        assertTrue(differencesInside(before, after, box) > box.width * box.height / 3, name + ": no mark drawn");

        List<Chunk> in = chunksAroundIdat(input);
        List<Chunk> out = chunksAroundIdat(output);
        if (d.header().description().startsWith("palette")) {
            // the palette may have grown (see paletteGrowsOnlyForMissingColours); everything else is identical
            in.removeIf(c -> c.type().equals("PLTE"));
            out.removeIf(c -> c.type().equals("PLTE"));
        }
        assertEquals(in, out, name);
        assertEquals(chunks(input).get(0), chunks(output).get(0), "IHDR");
        assertTrue(AssetHandlers.read(output).problems().isEmpty());
    }

    @Test
    void generationParametersXmpExifAndColourChunksSurvive() {
        for (String name : List.of("testdata/images/a1111-parameters.png",
                "testdata/images/comfyui-prompt-workflow.png", "testdata/images/xmp-itxt.png",
                "testdata/images/exif-chunk.png", "testdata/images/iccp-adobergb.png",
                "testdata/images/gama-chrm-srgb-phys-time.png")) {
            byte[] input = bytes(name);
            Decoded d = CODEC.decode(input);
            Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k");
            byte[] output = CODEC.encode(d, d.image());
            List<Chunk> kept = chunks(output);
            for (Chunk c : chunks(input)) {
                if (!c.type().equals("IDAT")) {
                    assertTrue(kept.contains(c), name + ": " + c + " lost");
                }
            }
        }
        byte[] a1111 = CODEC.encode(CODEC.decode(bytes("testdata/images/a1111-parameters.png")),
                CODEC.decode(bytes("testdata/images/a1111-parameters.png")).image());
        String parameters = new String(bytes("testdata/images/meta/a1111-parameters.txt"), StandardCharsets.ISO_8859_1);
        String all = new String(a1111, StandardCharsets.ISO_8859_1);
        assertTrue(all.contains("parameters\0" + parameters.strip()), "A1111 parameters text");
    }

    @Test
    void interlacedStaysInterlacedAndSixteenBitStaysSixteenBit() throws IOException {
        for (String name : List.of("testdata/images/interlaced-adam7.png", "testdata/images/rgb16.png",
                "testdata/images/gray16.png", "testdata/pixels/rgba16.png", "testdata/pixels/gray-alpha16.png")) {
            byte[] input = bytes(name);
            Decoded d = CODEC.decode(input);
            MarkResult mark = Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k").orElseThrow();
            byte[] output = CODEC.encode(d, d.image());
            byte[] ihdrIn = chunks(input).get(0).bytes();
            assertArrayEquals(ihdrIn, chunks(output).get(0).bytes(), name);
            BufferedImage before = pngImageIo(input);
            BufferedImage after = pngImageIo(output);
            assertEquals(before.getSampleModel().getSampleSize(0), after.getSampleModel().getSampleSize(0));
            assertEquals(0, differencesOutside(before, after, mark.box()), name);
            if (d.header().bitDepth() == 16) {
                assertTrue(hasLowByteData(after, mark.box()), name + ": 16-bit samples lost their low bytes");
            }
        }
    }

    private static boolean hasLowByteData(BufferedImage image, Rectangle except) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (except.contains(x, y)) {
                    continue;
                }
                for (int v : image.getRaster().getPixel(x, y, (int[]) null)) {
                    if ((v & 0xFF) != (v >>> 8)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void anOldManifestStoreIsDropped() {
        byte[] input = bytes("testdata/c2pa-fixtures/generated/signed-es256.png");
        assertEquals(1, AssetHandlers.read(input).stores().size());
        Decoded d = CODEC.decode(input);
        Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k");
        byte[] output = CODEC.encode(d, d.image());
        assertTrue(AssetHandlers.read(output).stores().isEmpty());
        List<Chunk> in = chunksAroundIdat(input);
        in.removeIf(c -> c.type().equals("caBX"));
        assertEquals(in, chunksAroundIdat(output));
    }

    @Test
    void unknownChunksSafeToCopyAreKeptUnsafeOnesDropped() {
        byte[] safe = chunk("prVt", "private, safe to copy".getBytes(StandardCharsets.US_ASCII));
        byte[] unsafe = chunk("iDOT", new byte[28]); // Apple's IDAT offsets: wrong after re-encoding
        byte[] signature = chunk("dSIG", new byte[16]);
        byte[] input = insertBefore(bytes("testdata/images/rgb8.png"), "IDAT", safe, unsafe);
        input = insertBefore(input, "IEND", signature);
        Decoded d = CODEC.decode(input);
        Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k");
        byte[] output = CODEC.encode(d, d.image());
        List<String> types = chunksAroundIdat(output).stream().map(Chunk::type).toList();
        assertEquals(List.of("IHDR", "prVt", "IDAT", "IEND"), types);
        assertTrue(chunks(output).contains(new Chunk("prVt", safe)));
    }

    @Test
    void paletteGrowsOnlyForMissingColoursAndTrnsStays() {
        byte[] input = bytes("testdata/images/palette8-trns.png");
        Decoded d = CODEC.decode(input);
        Chunk plteIn = chunks(input).stream().filter(c -> c.type().equals("PLTE")).findFirst().orElseThrow();
        MarkResult mark = Marker.draw(d.image(), MarkerOptions.defaults().withStyle(MarkerOptions.Style.DARK),
                "mira.k").orElseThrow();
        byte[] output = CODEC.encode(d, d.image());
        Chunk plteOut = chunks(output).stream().filter(c -> c.type().equals("PLTE")).findFirst().orElseThrow();
        int before = (plteIn.bytes().length - 12) / 3;
        int after = (plteOut.bytes().length - 12) / 3;
        assertTrue(after > before && after <= 256, before + " -> " + after);
        // the original entries are untouched, new ones appended
        assertArrayEquals(Arrays.copyOfRange(plteIn.bytes(), 8, 8 + 3 * before),
                Arrays.copyOfRange(plteOut.bytes(), 8, 8 + 3 * before));
        BufferedImage out = pngImageIo(output);
        assertTrue(out.getColorModel() instanceof IndexColorModel);
        // the badge's own colours are exact
        Rectangle box = mark.box();
        Map<Integer, Integer> counts = histogram(out, box);
        assertTrue(counts.containsKey(0xFF1A1A1A), "dark badge colour kept exactly");
        // white content: exact, or an existing entry within the palette tolerance
        assertTrue(counts.keySet().stream().anyMatch(c -> (c >>> 24) == 255 && ((c >> 16) & 0xFF) >= 252
                && ((c >> 8) & 0xFF) >= 252 && (c & 0xFF) >= 252), "white content");
    }

    @Test
    void withAHistogramThePaletteStaysAsItIs() {
        byte[] plain = bytes("testdata/images/palette8-trns.png");
        int entries = (chunks(plain).stream().filter(c -> c.type().equals("PLTE")).findFirst().orElseThrow()
                .bytes().length - 12) / 3;
        byte[] input = insertBefore(plain, "IDAT", chunk("hIST", new byte[2 * entries]));
        Decoded d = CODEC.decode(input);
        MarkResult mark = Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k").orElseThrow();
        byte[] output = CODEC.encode(d, d.image());
        assertEquals(chunks(input).stream().filter(c -> c.type().equals("PLTE")).findFirst().orElseThrow(),
                chunks(output).stream().filter(c -> c.type().equals("PLTE")).findFirst().orElseThrow());
        assertEquals(0, differencesOutside(pngImageIo(input), pngImageIo(output), mark.box()));
    }

    @Test
    void aFullPaletteIsRequantisedToItsNearestEntries() throws IOException {
        // a 256-entry palette of saturated colours (no white, no near-black) written by the JDK
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            r[i] = (byte) (64 + i / 2);
            g[i] = (byte) (255 - i);
            b[i] = (byte) ((i * 37) & 0x7F);
        }
        IndexColorModel icm = new IndexColorModel(8, 256, r, g, b);
        BufferedImage img = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_INDEXED, icm);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                img.getRaster().setSample(x, y, 0, (x + y) % 256);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        byte[] input = bytes.toByteArray();
        Decoded d = CODEC.decode(input);
        MarkResult mark = Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k").orElseThrow();
        byte[] output = CODEC.encode(d, d.image());
        assertEquals(chunks(input).stream().filter(c -> c.type().equals("PLTE")).findFirst().orElseThrow(),
                chunks(output).stream().filter(c -> c.type().equals("PLTE")).findFirst().orElseThrow());
        BufferedImage after = pngImageIo(output);
        assertTrue(after.getColorModel() instanceof IndexColorModel);
        assertEquals(0, differencesOutside(pngImageIo(input), after, mark.box()));
        assertTrue(differencesInside(pngImageIo(input), after, mark.box()) > 0);
    }

    private static Map<Integer, Integer> histogram(BufferedImage image, Rectangle box) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = box.y; y < box.y + box.height; y++) {
            for (int x = box.x; x < box.x + box.width; x++) {
                counts.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** A changed pixel never takes the tRNS colour of an RGB image, or it would vanish. */
    @Test
    void changedPixelsAvoidTheTransparentColour() {
        byte[] key = {0, (byte) 255, 0, (byte) 255, 0, (byte) 255}; // white is transparent
        byte[] input = insertBefore(bytes("testdata/images/rgb8.png"), "IDAT", chunk("tRNS", key));
        Decoded d = CODEC.decode(input);
        MarkResult mark = Marker.draw(d.image(), MarkerOptions.defaults().withStyle(MarkerOptions.Style.LIGHT),
                "mira.k").orElseThrow();
        byte[] output = CODEC.encode(d, d.image());
        BufferedImage before = pngImageIo(input);
        BufferedImage after = pngImageIo(output);
        assertEquals(0, differencesOutside(before, after, mark.box()));
        Rectangle box = mark.box();
        int white = 0;
        for (int y = box.y; y < box.y + box.height; y++) {
            for (int x = box.x; x < box.x + box.width; x++) {
                int[] p = after.getRaster().getPixel(x, y, (int[]) null);
                int[] q = before.getRaster().getPixel(x, y, (int[]) null);
                if (!Arrays.equals(p, q)) {
                    assertFalse(p[0] == 255 && p[1] == 255 && p[2] == 255, "changed pixel became transparent");
                }
                if (p[0] >= 254 && p[1] >= 254 && p[2] >= 254) {
                    white++;
                }
            }
        }
        assertTrue(white > box.width * box.height / 3, "the light badge is (almost) white");
    }

    @Test
    void subByteGrayKeepsItsBitDepth() {
        for (String name : List.of("testdata/pixels/gray1.png", "testdata/pixels/gray2.png",
                "testdata/pixels/gray4.png", "testdata/pixels/palette4.png")) {
            byte[] input = bytes(name);
            Decoded d = CODEC.decode(input);
            MarkResult mark = Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k").orElseThrow();
            byte[] output = CODEC.encode(d, d.image());
            assertArrayEquals(chunks(input).get(0).bytes(), chunks(output).get(0).bytes(), name);
            assertEquals(0, differencesOutside(pngImageIo(input), pngImageIo(output), mark.box()), name);
        }
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedBeforeDecoding() {
        // IHDR claims 50000 x 50000 (2.5 gigapixels); the image data is a few bytes
        byte[] png = bytes("testdata/images/gray8.png");
        byte[] huge = png.clone();
        int ihdr = 16;
        for (int i = 0; i < 2; i++) {
            int v = 50_000;
            huge[ihdr + 4 * i] = (byte) (v >>> 24);
            huge[ihdr + 4 * i + 1] = (byte) (v >>> 16);
            huge[ihdr + 4 * i + 2] = (byte) (v >>> 8);
            huge[ihdr + 4 * i + 3] = (byte) v;
        }
        huge = fixCrc(huge, 8);
        byte[] finalHuge = huge;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CODEC.decode(finalHuge));
        assertEquals(InvalidInputException.Kind.TOO_LARGE, e.kind());
        InvalidInputException small = assertThrows(InvalidInputException.class,
                () -> new PixelCodec(1000).decode(png));
        assertEquals(InvalidInputException.Kind.TOO_LARGE, small.kind());
    }

    @Test
    void damagedOrAnimatedPngsAreRefused() {
        byte[] png = bytes("testdata/images/rgb8.png");
        // image data cut short: keep only the first half of the IDAT payload
        List<Chunk> cs = chunks(png);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 8);
        for (Chunk c : cs) {
            if (c.type().equals("IDAT")) {
                byte[] data = Arrays.copyOfRange(c.bytes(), 8, c.bytes().length - 4);
                out.writeBytes(chunk("IDAT", Arrays.copyOf(data, data.length / 2)));
            } else {
                out.writeBytes(c.bytes());
            }
        }
        InvalidInputException cut = assertThrows(InvalidInputException.class, () -> CODEC.decode(out.toByteArray()));
        assertEquals(InvalidInputException.Kind.MALFORMED_IMAGE, cut.kind());

        byte[] apng = insertBefore(png, "IDAT", chunk("acTL", new byte[8]));
        InvalidInputException animated = assertThrows(InvalidInputException.class, () -> CODEC.decode(apng));
        assertEquals(InvalidInputException.Kind.UNSUPPORTED_FORMAT, animated.kind());

        byte[] critical = insertBefore(png, "IDAT", chunk("QQQQ", new byte[4]));
        assertEquals(InvalidInputException.Kind.UNSUPPORTED_FORMAT,
                assertThrows(InvalidInputException.class, () -> CODEC.decode(critical)).kind());
    }

    @Test
    void anImageOfAnotherLayoutIsRejected() {
        Decoded d = CODEC.decode(bytes("testdata/images/rgb16.png"));
        BufferedImage eightBit = new BufferedImage(d.width(), d.height(), BufferedImage.TYPE_3BYTE_BGR);
        assertThrows(IllegalArgumentException.class, () -> CODEC.encode(d, eightBit));
        BufferedImage copy = d.copyImage();
        assertNotEquals(System.identityHashCode(copy), System.identityHashCode(d.image()));
        byte[] fromCopy = CODEC.encode(d, copy);
        assertEquals(0, differencesOutside(pngImageIo(fromCopy), pngImageIo(bytes("testdata/images/rgb16.png")), null));
    }

    /** Random small images of every JDK-writable layout, plain and Adam7, sizes down to 1×1. */
    @Test
    void randomSmallImagesRoundTripExactly() throws IOException {
        java.util.Random random = new java.util.Random(11);
        int[] types = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY, BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_BINARY};
        int[][] sizes = {{1, 1}, {2, 3}, {3, 2}, {5, 5}, {7, 9}, {9, 7}, {16, 1}, {1, 16}, {33, 17}};
        for (int type : types) {
            for (int[] size : sizes) {
                for (boolean interlaced : new boolean[] {false, true}) {
                    BufferedImage img = new BufferedImage(size[0], size[1], type);
                    for (int y = 0; y < size[1]; y++) {
                        for (int x = 0; x < size[0]; x++) {
                            for (int b = 0; b < img.getRaster().getNumBands(); b++) {
                                int bits = img.getSampleModel().getSampleSize(b);
                                img.getRaster().setSample(x, y, b, random.nextInt(1 << bits));
                            }
                        }
                    }
                    byte[] input = writePng(img, interlaced);
                    String what = type + " " + size[0] + "x" + size[1] + (interlaced ? " adam7" : "");
                    Decoded d = CODEC.decode(input);
                    byte[] output = CODEC.encode(d, d.image());
                    assertEquals(0, differencesOutside(pngImageIo(input), pngImageIo(output), null), what);
                    assertArrayEquals(chunks(input).get(0).bytes(), chunks(output).get(0).bytes(), what);
                    // one changed pixel changes one pixel
                    int x = random.nextInt(size[0]);
                    int y = random.nextInt(size[1]);
                    int[] p = d.image().getRaster().getPixel(x, y, (int[]) null);
                    p[0] = p[0] == 0 ? 255 : 0;
                    d.image().getRaster().setPixel(x, y, p);
                    byte[] one = CODEC.encode(d, d.image());
                    assertEquals(1, differencesOutside(pngImageIo(input), pngImageIo(one), null), what);
                }
            }
        }
    }

    private static byte[] writePng(BufferedImage img, boolean interlaced) throws IOException {
        javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        javax.imageio.ImageWriteParam param = w.getDefaultWriteParam();
        if (interlaced) {
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    private static byte[] fixCrc(byte[] png, int chunkOffset) {
        int len = ((png[chunkOffset] & 0xFF) << 24) | ((png[chunkOffset + 1] & 0xFF) << 16)
                | ((png[chunkOffset + 2] & 0xFF) << 8) | (png[chunkOffset + 3] & 0xFF);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png, chunkOffset + 4, 4 + len);
        long v = crc.getValue();
        int at = chunkOffset + 8 + len;
        png[at] = (byte) (v >>> 24);
        png[at + 1] = (byte) (v >>> 16);
        png[at + 2] = (byte) (v >>> 8);
        png[at + 3] = (byte) v;
        return png;
    }
}
