package io.credmark.pixels.jpeg;

import static io.credmark.pixels.PixelTesting.bytes;
import static io.credmark.pixels.PixelTesting.metadataSegments;
import static io.credmark.pixels.PixelTesting.psnr;
import static io.credmark.pixels.PixelTesting.segmentsBeforeScan;
import static io.credmark.pixels.PixelTesting.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.pixels.PixelCodec;
import io.credmark.pixels.Decoded;
import io.credmark.pixels.PixelTesting;
import io.credmark.pixels.Orientation;
import io.credmark.InvalidInputException;
import io.credmark.container.AssetHandlers;
import io.credmark.pixels.PixelTesting.Segment;
import io.credmark.pixels.marker.MarkResult;
import io.credmark.pixels.marker.Marker;
import io.credmark.pixels.marker.MarkerOptions;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JpegCodecTest {

    private static final PixelCodec CODEC = new PixelCodec();

    static Stream<String> jpegs() {
        List<String> all = new ArrayList<>(PixelTesting.files("testdata/images", ".jpg"));
        all.addAll(PixelTesting.files("testdata/pixels", ".jpg"));
        all.removeIf(n -> n.endsWith("cmyk-adobe.jpg") || n.endsWith("ycck-adobe.jpg"));
        return all.stream();
    }

    @Test
    void qualityIsEstimatedFromTheQuantizationTables() {
        assertEquals(new JpegQuality.Estimate(75, true, 0), quality("testdata/pixels/q75.jpg"));
        assertEquals(new JpegQuality.Estimate(92, true, 0), quality("testdata/pixels/q92.jpg"));
        assertEquals(85, quality("testdata/images/baseline-420.jpg").quality());
        assertEquals(85, quality("testdata/images/grayscale.jpg").quality());
    }

    @Test
    void everyIjgQualityIsRecognised() {
        for (int q = 1; q <= 100; q++) {
            JpegQuality.Estimate e =
                    JpegQuality.estimate(JpegQuality.luminanceTable(q), JpegQuality.chrominanceTable(q));
            assertTrue(e.exact(), "q" + q);
            assertEquals(q, e.quality(), "q" + q);
        }
    }

    @Test
    void nonStandardTablesGetTheNearestQuality() {
        int[] lum = JpegQuality.luminanceTable(80);
        int[] chroma = JpegQuality.chrominanceTable(80);
        lum[0] += 1;
        chroma[63] -= 2;
        JpegQuality.Estimate e = JpegQuality.estimate(lum, chroma);
        assertEquals(80, e.quality());
        assertFalse(e.exact());
    }

    /** Re-encoding a q75 and a q92 file (either table mode) gives a file whose tables still say 75 and 92. */
    @Test
    void reEncodingKeepsTheQuality() {
        for (PixelCodec.JpegMode mode : PixelCodec.JpegMode.values()) {
            PixelCodec codec = new PixelCodec(PixelCodec.DEFAULT_MAX_PIXELS, mode, 9);
            for (int q : new int[] {75, 92}) {
                Decoded d = codec.decode(bytes("testdata/pixels/q" + q + ".jpg"));
                Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k");
                byte[] out = codec.encode(d, d.image());
                JpegQuality.Estimate again = codec.decode(out).jpegQuality().orElseThrow();
                assertEquals(q, again.quality(), mode + " q" + q);
                assertTrue(again.exact());
            }
        }
    }

    private static JpegQuality.Estimate quality(String name) {
        return CODEC.decode(bytes(name)).jpegQuality().orElseThrow();
    }

    /**
     * A mark on every kind of JPEG: the metadata segments (JFIF, EXIF, XMP, ICC, IPTC, COM) are byte-identical and in
     * order, the frame keeps its sampling and progression, the re-encode is close outside the box, and the mark is
     * inside the box where it was asked for.
     */
    @ParameterizedTest
    @MethodSource("jpegs")
    void markKeepsMetadataSamplingAndQuality(String name) {
        byte[] input = bytes(name);
        Decoded d = CODEC.decode(input);
        BufferedImage before = d.copyImage();
        MarkResult mark = Marker.draw(d.image(), MarkerOptions.defaults().withPosition(MarkerOptions.Position.TOP_LEFT),
                "mira.k", d.orientation()).orElseThrow();
        byte[] output = CODEC.encode(d, d.image());

        assertEquals(metadataSegments(input), metadataSegments(output), name);
        assertTrue(AssetHandlers.read(output).problems().isEmpty());
        Segment sofIn = frame(input);
        Segment sofOut = frame(output);
        // Huffman input keeps its coefficients and is written baseline; arithmetic input is re-encoded by libjpeg
        int expectedMarker = sofIn.marker() == 0xCA ? 0xC2 : 0xC0;
        assertEquals(expectedMarker, sofOut.marker(), name);
        assertEquals(samplingFactors(sofIn), samplingFactors(sofOut), name);
        assertEquals(d.jpegQuality().orElseThrow(), CODEC.decode(output).jpegQuality().orElseThrow());

        Decoded again = CODEC.decode(output);
        Rectangle box = mark.box();
        double outside = psnr(before, again.image(), box);
        assertTrue(outside >= 40, name + ": PSNR outside the mark " + outside + " dB");
        Rectangle changed = changedArea(before, again.image(), 48);
        Rectangle tolerance = new Rectangle(box.x - 8, box.y - 8, box.width + 16, box.height + 16);
        assertTrue(tolerance.contains(changed), name + ": strong changes at " + changed + ", mark at " + box);
        assertTrue(changed.width > box.width * 0.8 && changed.height > box.height * 0.6,
                name + ": mark " + box + " but changes only over " + changed);

        if (sofIn.marker() != 0xC9 && sofIn.marker() != 0xCA) {
            // coefficients kept: outside the MCUs the mark touches (plus the reach of chroma upsampling, 2 pixels),
            // every pixel decodes exactly as before
            int[] unit = unitSize(sofIn);
            int x0 = box.x / unit[0] * unit[0] - 2;
            int y0 = box.y / unit[1] * unit[1] - 2;
            int x1 = ((box.x + box.width + unit[0] - 1) / unit[0]) * unit[0] + 2;
            int y1 = ((box.y + box.height + unit[1] - 1) / unit[1]) * unit[1] + 2;
            Rectangle touched = new Rectangle(x0, y0, x1 - x0, y1 - y0);
            assertEquals(0, PixelTesting.differencesOutside(before, again.image(), touched), name);
        }
    }

    /** The re-encoding modes keep metadata and quality too, with the generation loss of a full re-encode. */
    @ParameterizedTest
    @MethodSource("jpegs")
    void reEncodeModesKeepMetadataAndLayout(String name) {
        for (PixelCodec.JpegMode mode : List.of(PixelCodec.JpegMode.REENCODE,
                PixelCodec.JpegMode.REENCODE_ESTIMATED_QUALITY)) {
            PixelCodec codec = new PixelCodec(PixelCodec.DEFAULT_MAX_PIXELS, mode, 9);
            byte[] input = bytes(name);
            Decoded d = codec.decode(input);
            BufferedImage before = d.copyImage();
            MarkResult mark = Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k").orElseThrow();
            byte[] output = codec.encode(d, d.image());
            List<Segment> expected = new ArrayList<>(metadataSegments(input));
            expected.removeIf(s -> s.marker() == 0xEE); // Adobe APP14: the encoder's colour transform is its own
            assertEquals(expected, metadataSegments(output), name);
            Segment sofIn = frame(input);
            Segment sofOut = frame(output);
            boolean progressive = sofIn.marker() == 0xC2 || sofIn.marker() == 0xCA;
            assertEquals(progressive ? 0xC2 : 0xC0, sofOut.marker(), name);
            assertEquals(samplingFactors(sofIn), samplingFactors(sofOut), name);
            assertEquals(d.jpegQuality().orElseThrow().quality(),
                    codec.decode(output).jpegQuality().orElseThrow().quality(), name);
            double outside = psnr(before, codec.decode(output).image(), mark.box());
            assertTrue(outside >= 36, name + " " + mode + ": PSNR outside the mark " + outside + " dB");
        }
    }

    private static int[] unitSize(Segment sof) {
        byte[] b = sof.bytes();
        int n = b[9] & 0xFF;
        int hmax = 1;
        int vmax = 1;
        for (int i = 0; i < n; i++) {
            int hv = b[10 + 3 * i + 1] & 0xFF;
            hmax = Math.max(hmax, hv >> 4);
            vmax = Math.max(vmax, hv & 15);
        }
        return new int[] {8 * hmax, 8 * vmax};
    }

    @Test
    void restartIntervalIsKept() {
        byte[] input = bytes("testdata/images/restart-markers.jpg");
        Decoded d = CODEC.decode(input);
        byte[] output = CODEC.encode(d, d.image());
        Segment dri = segmentsBeforeScan(output).stream().filter(s -> s.marker() == 0xDD).findFirst().orElseThrow();
        Segment driIn = segmentsBeforeScan(input).stream().filter(s -> s.marker() == 0xDD).findFirst().orElseThrow();
        assertEquals(driIn, dri);
    }

    @Test
    void outputWithoutJfifStaysWithoutJfif() {
        byte[] input = bytes("testdata/images/exif-no-app0.jpg");
        Decoded d = CODEC.decode(input);
        byte[] output = CODEC.encode(d, d.image());
        assertEquals(0xE1, segmentsBeforeScan(output).get(0).marker(), "EXIF APP1 right after SOI");
        assertTrue(segmentsBeforeScan(output).stream().noneMatch(s -> s.marker() == 0xE0));
    }

    /** The ICC profile is kept and never applied: the pixels equal those of the same file without it. */
    @Test
    void iccProfileIsKeptAndNotApplied() {
        byte[] withProfile = bytes("testdata/pixels/icc-multi-app2.jpg");
        List<Segment> icc = metadataSegments(withProfile).stream().filter(s -> startsWith(s.bytes(), "ICC_PROFILE"))
                .toList();
        assertEquals(2, icc.size(), "the profile spans two APP2 segments");
        Decoded d = CODEC.decode(withProfile);
        Decoded plain = CODEC.decode(bytes("testdata/images/baseline-420.jpg"));
        assertEquals(0, PixelTesting.differencesOutside(d.image(), plain.image(), null));
        byte[] output = CODEC.encode(d, d.image());
        assertEquals(icc, metadataSegments(output).stream().filter(s -> startsWith(s.bytes(), "ICC_PROFILE")).toList());
    }

    @Test
    void anOldManifestStoreIsDropped() {
        byte[] input = bytes("testdata/c2pa-fixtures/generated/signed-es256.jpg");
        assertEquals(1, AssetHandlers.read(input).stores().size());
        Decoded d = CODEC.decode(input);
        byte[] output = CODEC.encode(d, d.image());
        assertTrue(AssetHandlers.read(output).stores().isEmpty());
        List<Segment> expected = new ArrayList<>(metadataSegments(input));
        expected.removeIf(s -> s.marker() == 0xEB);
        assertEquals(expected, metadataSegments(output));
    }

    /** Unchanged pixels: every coefficient is kept, so the image decodes exactly as before (progressive too). */
    @ParameterizedTest
    @MethodSource("jpegs")
    void unchangedPixelsKeepEveryCoefficient(String name) {
        byte[] input = bytes(name);
        Decoded d = CODEC.decode(input);
        BufferedImage before = d.copyImage();
        byte[] output = CODEC.encode(d, d.image());
        Decoded again = CODEC.decode(output);
        if (name.endsWith("arithmetic.jpg")) { // no coefficient-level reading of arithmetic coding: re-encoded
            assertTrue(psnr(before, again.image(), null) >= 40, name);
            return;
        }
        assertEquals(0, PixelTesting.differencesOutside(before, again.image(), null), name);
    }

    @Test
    void mpfAndTrailingDataAreDropped() {
        byte[] base = bytes("testdata/images/jfif-exif.jpg");
        byte[] mpf = segment(0xE2, "MPF\0MM\0*\0\0\0\u0008");
        byte[] adobe = segment(0xEE, "Adobe\0\u0064\0\0\0\0\u0001");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(base, 0, 2);
        b.writeBytes(adobe);
        b.writeBytes(mpf);
        b.write(base, 2, base.length - 2);
        b.writeBytes("trailing secondary image".getBytes());
        byte[] input = b.toByteArray();
        Decoded d = CODEC.decode(input);
        byte[] output = CODEC.encode(d, d.image());
        List<Segment> expected = new ArrayList<>(metadataSegments(input));
        expected.removeIf(s -> s.marker() == 0xE2);
        assertEquals(expected, metadataSegments(output), "MPF dropped, Adobe kept with the coefficients");
        assertEquals(0xD9, output[output.length - 1] & 0xFF, "ends with EOI");
        byte[] reencoded = new PixelCodec(PixelCodec.DEFAULT_MAX_PIXELS, PixelCodec.JpegMode.REENCODE, 9).encode(d,
                d.image());
        expected.removeIf(s -> s.marker() == 0xEE);
        assertEquals(expected, metadataSegments(reencoded), "the re-encoder drops the Adobe segment");
    }

    @Test
    void cmykAndYcckAreRefusedRatherThanRecoloured() {
        for (String name : List.of("testdata/images/cmyk-adobe.jpg", "testdata/images/ycck-adobe.jpg")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> CODEC.decode(bytes(name)));
            assertEquals(InvalidInputException.Kind.UNSUPPORTED_FORMAT, e.kind());
            assertTrue(e.getMessage().contains("CMYK"), e.getMessage());
        }
    }

    @Test
    void orientationIsReadNotApplied() {
        Decoded d = CODEC.decode(bytes("testdata/pixels/orientation-6.jpg"));
        assertEquals(Orientation.ROTATE_90_CW, d.orientation());
        assertEquals(480, d.width(), "pixels stay in stored orientation");
        assertEquals(Orientation.NORMAL, CODEC.decode(bytes("testdata/images/jfif-exif.jpg")).orientation());
    }

    @Test
    void thePixelLimitIsCheckedFirst() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new PixelCodec(480L * 270 - 1).decode(bytes("testdata/images/baseline-420.jpg")));
        assertEquals(InvalidInputException.Kind.TOO_LARGE, e.kind());
    }

    @Test
    void grayStaysGray() {
        Decoded d = CODEC.decode(bytes("testdata/images/grayscale.jpg"));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, d.image().getType());
        Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k");
        byte[] out = CODEC.encode(d, d.image());
        assertEquals(1, samplingFactors(frame(out)).size());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Segment frame(byte[] jpeg) {
        return segmentsBeforeScan(jpeg).stream()
                .filter(s -> s.marker() >= 0xC0 && s.marker() <= 0xCF && s.marker() != 0xC4 && s.marker() != 0xC8
                        && s.marker() != 0xCC)
                .findFirst().orElseThrow();
    }

    private static List<Integer> samplingFactors(Segment sof) {
        byte[] b = sof.bytes();
        int n = b[9] & 0xFF;
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b[10 + 3 * i + 1] & 0xFF);
        }
        return out;
    }

    /** The bounding box of pixels whose largest channel difference exceeds {@code threshold}. */
    private static Rectangle changedArea(BufferedImage a, BufferedImage b, int threshold) {
        Rectangle r = null;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int[] p = a.getRaster().getPixel(x, y, (int[]) null);
                int[] q = b.getRaster().getPixel(x, y, (int[]) null);
                int d = 0;
                for (int i = 0; i < p.length; i++) {
                    d = Math.max(d, Math.abs(p[i] - q[i]));
                }
                if (d > threshold) {
                    r = r == null ? new Rectangle(x, y, 1, 1) : r.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return r == null ? new Rectangle() : r;
    }

    private static byte[] segment(int marker, String payload) {
        byte[] p = payload.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] s = new byte[p.length + 4];
        s[0] = (byte) 0xFF;
        s[1] = (byte) marker;
        s[2] = (byte) ((p.length + 2) >> 8);
        s[3] = (byte) (p.length + 2);
        System.arraycopy(p, 0, s, 4, p.length);
        return s;
    }

    /** Odd sizes (partial MCUs at the edges), every common subsampling, sequential and progressive. */
    @Test
    void oddSizesKeepCoefficientsAndChangeOnlyTheTouchedMcu() throws java.io.IOException {
        java.util.Random random = new java.util.Random(5);
        int[][] sizes = {{1, 1}, {7, 9}, {17, 15}, {33, 65}, {100, 31}};
        for (int[] size : sizes) {
            for (boolean progressive : new boolean[] {false, true}) {
                for (int gray = 0; gray < 2; gray++) {
                    BufferedImage img = new BufferedImage(size[0], size[1],
                            gray == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
                    for (int y = 0; y < size[1]; y++) {
                        for (int x = 0; x < size[0]; x++) {
                            img.setRGB(x, y, (x * 7 + y * 3) % 256 * 0x010101 ^ random.nextInt(0x202020));
                        }
                    }
                    byte[] input = writeJpeg(img, progressive);
                    String what = size[0] + "x" + size[1] + (progressive ? " progressive" : "") + (gray == 1
                            ? " gray" : "");
                    Decoded d = CODEC.decode(input);
                    BufferedImage before = d.copyImage();
                    assertEquals(0, PixelTesting.differencesOutside(before,
                            CODEC.decode(CODEC.encode(d, d.image())).image(), null), what);
                    int x = random.nextInt(size[0]);
                    int y = random.nextInt(size[1]);
                    d.image().setRGB(x, y, ~d.image().getRGB(x, y));
                    BufferedImage after = CODEC.decode(CODEC.encode(d, d.image())).image();
                    int unitW = gray == 1 ? 8 : 16;
                    int unitH = gray == 1 ? 8 : 16;
                    Rectangle unit = new Rectangle(x / unitW * unitW - 2, y / unitH * unitH - 2, unitW + 4, unitH + 4);
                    assertEquals(0, PixelTesting.differencesOutside(before, after, unit), what);
                }
            }
        }
    }

    private static byte[] writeJpeg(BufferedImage img, boolean progressive) throws java.io.IOException {
        javax.imageio.ImageWriter w = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam param = w.getDefaultWriteParam();
        param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.8f);
        if (progressive) {
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(out);
            w.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    @Test
    void theOutputIsReadableByTheJdkDecoderToo() {
        Decoded d = CODEC.decode(bytes("testdata/images/progressive.jpg"));
        byte[] out = CODEC.encode(d, d.image());
        BufferedImage jdk = PixelTesting.imageIo(out, "jpeg", "com.sun.imageio.plugins.jpeg");
        assertArrayEquals(new int[] {d.width(), d.height()}, new int[] {jdk.getWidth(), jdk.getHeight()});
    }
}
