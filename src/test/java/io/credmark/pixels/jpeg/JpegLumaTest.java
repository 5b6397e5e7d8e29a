package io.credmark.pixels.jpeg;

import static io.credmark.pixels.PixelTesting.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.pixels.Decoded;
import io.credmark.pixels.LumaBands;
import io.credmark.pixels.PixelCodec;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JpegLumaTest {

    private static final PixelCodec CODEC = new PixelCodec();

    @Test
    void theInverseTransformIsTheT81Formula() {
        Random random = new Random(7);
        int[] table = new int[64];
        for (int i = 0; i < 64; i++) {
            table[i] = 1 + random.nextInt(40);
        }
        float[] multipliers = JpegLuma.multipliers(table);
        for (int trial = 0; trial < 200; trial++) {
            short[] coefficients = new short[64 + 64];
            for (int i = 0; i < 64; i++) {
                coefficients[64 + i] = (short) (random.nextInt(5) == 0 ? random.nextInt(200) - 100 : 0);
            }
            float[] out = new float[64];
            JpegLuma.inverse(coefficients, 64, multipliers, out);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    // T.81 §A.3.3: s(y, x) = 1/4 Σv Σu C(u) C(v) S(v, u) cos((2x + 1)uπ/16) cos((2y + 1)vπ/16)
                    double s = 0;
                    for (int v = 0; v < 8; v++) {
                        for (int u = 0; u < 8; u++) {
                            double cu = u == 0 ? Math.sqrt(0.5) : 1;
                            double cv = v == 0 ? Math.sqrt(0.5) : 1;
                            s += cu * cv * coefficients[64 + v * 8 + u] * table[v * 8 + u]
                                    * Math.cos((2 * x + 1) * u * Math.PI / 16) * Math.cos((2 * y + 1) * v * Math.PI / 16);
                        }
                    }
                    assertEquals(s / 4, out[y * 8 + x], 1e-2, "trial " + trial + " at " + x + "," + y);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"testdata/images/baseline-420.jpg", "testdata/images/baseline-422.jpg",
            "testdata/images/baseline-444.jpg", "testdata/images/grayscale.jpg", "testdata/images/progressive.jpg",
            "testdata/images/restart-markers.jpg", "testdata/pixels/q75.jpg", "testdata/pixels/orientation-6.jpg"})
    void theLuminanceIsWhatTheDecodedPixelsWeighTo(String name) {
        byte[] file = bytes(name);
        LumaBands luma = JpegLuma.of(file).orElseThrow();
        assertEquals(CODEC.decode(file).orientation(), luma.orientation());
        BufferedImage decoded = CODEC.decode(file).image();
        assertEquals(decoded.getWidth(), luma.width());
        assertEquals(decoded.getHeight(), luma.height());
        int w = luma.width();
        int[] next = {0};
        double[] sum = {0};
        int[] within = {0};
        int[] unclamped = {0};
        luma.read((samples, y0, rows) -> {
            assertEquals(next[0], y0, "bands come top to bottom, each row once");
            next[0] += rows;
            for (int j = 0; j < rows; j++) {
                for (int x = 0; x < w; x++) {
                    double d = Math.abs(samples[j * w + x] - rec601(decoded, x, y0 + j));
                    sum[0] += d;
                    if (!clamped(decoded, x, y0 + j)) {
                        unclamped[0]++;
                        within[0] += d <= 1.5 ? 1 : 0;
                    }
                }
            }
        });
        assertEquals(luma.height(), next[0]);
        double pixels = (double) w * luma.height();
        // a decoder rounds its integer transform and R, G and B: the luminance it weighs agrees to about a level,
        // except where it clamped a channel of a saturated colour
        assertTrue(sum[0] / pixels < 0.75, name + ": mean difference " + sum[0] / pixels);
        assertTrue(within[0] > 0.999 * unclamped[0], name + ": within 1.5 levels " + within[0] + " of "
                + unclamped[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"testdata/pixels/rgb-components.jpg", "testdata/images/arithmetic.jpg",
            "testdata/images/cmyk-adobe.jpg"})
    void filesOnlyAFullDecodeReadsHaveNone(String name) {
        assertEquals(Optional.empty(), JpegLuma.of(bytes(name)));
    }

    @Test
    void aPngHasNoneThroughTheCodec() {
        assertEquals(Optional.empty(), CODEC.luma(bytes("testdata/images/gray8.png")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"testdata/images/baseline-420.jpg", "testdata/images/baseline-444.jpg",
            "testdata/images/grayscale.jpg", "testdata/images/progressive.jpg", "testdata/images/restart-markers.jpg"})
    void aCheckedEncodeTestsTheLuminanceOfTheFileItWrites(String name) {
        PixelCodec codec = new PixelCodec(PixelCodec.DEFAULT_MAX_PIXELS, PixelCodec.JpegMode.KEEP_UNCHANGED_BLOCKS, 1);
        Decoded decoded = codec.decode(bytes(name));
        BufferedImage changed = decoded.copyImage();
        for (int y = 0; y < changed.getHeight() / 2; y++) {
            for (int x = 0; x < changed.getWidth() / 3; x++) {
                int rgb = changed.getRGB(x, y);
                int step = (x + y) % 7 - 3;
                changed.setRGB(x, y, clampRgb(rgb >> 16 & 0xFF, step) << 16 | clampRgb(rgb >> 8 & 0xFF, step) << 8
                        | clampRgb(rgb & 0xFF, step));
            }
        }
        float[][] tested = new float[1][];
        PixelCodec.Checked checked = codec.encodeChecked(decoded, changed, luma -> {
            tested[0] = samples(luma);
            return true;
        }).orElseThrow();
        assertTrue(checked.passed());
        assertArrayEquals(codec.encode(decoded, changed), checked.file());
        assertArrayEquals(samples(JpegLuma.of(checked.file()).orElseThrow()), tested[0]);
        assertFalse(codec.encodeChecked(decoded, changed, luma -> false).orElseThrow().passed());
    }

    @Test
    void aPngHasNoCheckedEncode() {
        Decoded decoded = CODEC.decode(bytes("testdata/images/rgb8.png"));
        assertTrue(CODEC.encodeChecked(decoded, decoded.copyImage(), luma -> true).isEmpty());
    }

    private static int clampRgb(int v, int step) {
        return Math.max(0, Math.min(255, v + step));
    }

    private static float[] samples(LumaBands luma) {
        float[] out = new float[luma.width() * luma.height()];
        luma.read((band, y0, rows) -> System.arraycopy(band, 0, out, y0 * luma.width(), rows * luma.width()));
        return out;
    }

    private static boolean clamped(BufferedImage image, int x, int y) {
        for (int v : image.getRaster().getPixel(x, y, (int[]) null)) {
            if (v == 0 || v == 255) {
                return true;
            }
        }
        return false;
    }

    private static double rec601(BufferedImage image, int x, int y) {
        if (image.getRaster().getNumBands() == 1) {
            return image.getRaster().getSample(x, y, 0);
        }
        int[] rgb = image.getRaster().getPixel(x, y, (int[]) null);
        return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
    }
}
