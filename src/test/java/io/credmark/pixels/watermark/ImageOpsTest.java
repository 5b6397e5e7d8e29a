package io.credmark.pixels.watermark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The filters against their definitions, on planes large enough to run on several cores. */
class ImageOpsTest {

    private static final int W = 613;
    private static final int H = 401;

    private static float[] plane() {
        Random random = new Random(3);
        float[] p = new float[W * H];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextInt(256);
        }
        return p;
    }

    @Test
    void boxBlurIsTheMeanOfTheClampedWindow() {
        float[] src = plane();
        int r = 3;
        float[] out = ImageOps.boxBlur(src, W, H, r);
        for (int y = 0; y < H; y += 7) {
            for (int x = 0; x < W; x++) {
                double sum = 0;
                for (int dy = -r; dy <= r; dy++) {
                    for (int dx = -r; dx <= r; dx++) {
                        sum += src[ImageOps.clamp(y + dy, H) * W + ImageOps.clamp(x + dx, W)];
                    }
                }
                assertEquals(sum / ((2 * r + 1) * (2 * r + 1)), out[y * W + x], 1e-3, x + "," + y);
            }
        }
    }

    @Test
    void aBoxBlurIntoItsOwnSourceGivesTheSamePlane() {
        float[] src = plane();
        float[] expected = ImageOps.boxBlur(src, W, H, 4);
        ImageOps.boxBlur(src, new float[W * H], src, W, H, 4);
        assertArrayEquals(expected, src);
    }

    @Test
    void minFilterIsTheMinimumOfTheWindowInsideThePlane() {
        float[] src = plane();
        int r = 2;
        float[] out = ImageOps.minFilter(src, W, H, r);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                float min = Float.MAX_VALUE;
                for (int yy = Math.max(0, y - r); yy <= Math.min(H - 1, y + r); yy++) {
                    for (int xx = Math.max(0, x - r); xx <= Math.min(W - 1, x + r); xx++) {
                        min = Math.min(min, src[yy * W + xx]);
                    }
                }
                assertEquals(min, out[y * W + x], x + "," + y);
            }
        }
    }

    @Test
    void halveAveragesEachTwoByTwoAndDoubleUpRestoresAConstant() {
        float[] src = plane();
        float[] half = ImageOps.halve(src, W, H);
        for (int y = 0; y < H / 2; y++) {
            for (int x = 0; x < W / 2; x++) {
                float mean = 0.25f * (src[2 * y * W + 2 * x] + src[2 * y * W + 2 * x + 1]
                        + src[(2 * y + 1) * W + 2 * x] + src[(2 * y + 1) * W + 2 * x + 1]);
                assertEquals(mean, half[y * (W / 2) + x], x + "," + y);
            }
        }
        float[] constant = new float[(W / 2) * (H / 2)];
        java.util.Arrays.fill(constant, 42.5f);
        for (float v : ImageOps.doubleUp(constant, W, H)) {
            assertEquals(42.5f, v);
        }
    }
}
