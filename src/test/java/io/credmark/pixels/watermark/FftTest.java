package io.credmark.pixels.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FftTest {

    private static final int W = 16;
    private static final int H = 8;

    private static double[] plane(long seed) {
        Random random = new Random(seed);
        double[] p = new double[W * H];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextGaussian();
        }
        return p;
    }

    @Test
    void theHalfSpectrumOfARealPlaneIsItsDiscreteFourierTransform() {
        double[] real = plane(1);
        double[] re = new double[H * (W / 2 + 1)];
        double[] im = new double[re.length];
        Fft.forwardReal(real, W, H, new Fft(W), new Fft(H), re, im);
        for (int ky = 0; ky < H; ky++) {
            for (int kx = 0; kx <= W / 2; kx++) {
                double sr = 0;
                double si = 0;
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        double a = -2 * Math.PI * ((double) kx * x / W + (double) ky * y / H);
                        sr += real[y * W + x] * Math.cos(a);
                        si += real[y * W + x] * Math.sin(a);
                    }
                }
                assertEquals(sr, re[ky * (W / 2 + 1) + kx], 1e-9, kx + "," + ky);
                assertEquals(si, im[ky * (W / 2 + 1) + kx], 1e-9, kx + "," + ky);
            }
        }
    }

    @Test
    void theInverseGivesThePlaneBackScaledByItsSize() {
        double[] real = plane(2);
        double[] re = new double[H * (W / 2 + 1)];
        double[] im = new double[re.length];
        Fft.forwardReal(real, W, H, new Fft(W), new Fft(H), re, im);
        double[] back = new double[W * H];
        Fft.inverseReal(re, im, W, H, new Fft(W), new Fft(H), back);
        for (int i = 0; i < real.length; i++) {
            assertEquals(real[i] * W * H, back[i], 1e-9, "sample " + i);
        }
    }

    @Test
    void thePowerSpectrumIsSymmetric() {
        double[] p = Fft.powerSpectrum(plane(3), W, H, new Fft(W), new Fft(H));
        for (int ky = 0; ky < H; ky++) {
            for (int kx = 0; kx < W; kx++) {
                assertEquals(p[ky * W + kx], p[((H - ky) % H) * W + (W - kx) % W], 1e-9);
            }
        }
    }

    @Test
    void aLargePlaneComesBackFromItsHalfSpectrumTimesItsSize() {
        int w = 512;
        int h = 256;
        Random random = new Random(5);
        double[] real = new double[w * h];
        for (int i = 0; i < real.length; i++) {
            real[i] = random.nextGaussian();
        }
        double[] re = new double[h * (w / 2 + 1)];
        double[] im = new double[re.length];
        Fft rows = new Fft(w);
        Fft cols = new Fft(h);
        Fft.forwardReal(real, w, h, rows, cols, re, im);
        double[] power = Fft.powerSpectrum(real, w, h, rows, cols);
        // Hermitian symmetry fills the other half: |F(-k)| = |F(k)|
        for (int y = 0; y < h; y += 5) {
            for (int x = 1; x < w / 2; x++) {
                assertEquals(re[y * (w / 2 + 1) + x] * re[y * (w / 2 + 1) + x]
                        + im[y * (w / 2 + 1) + x] * im[y * (w / 2 + 1) + x], power[y * w + x], 1e-6);
                assertEquals(power[y * w + x], power[((h - y) % h) * w + (w - x)], 1e-6);
            }
        }
        double[] back = new double[w * h];
        Fft.inverseReal(re, im, w, h, rows, cols, back);
        for (int i = 0; i < real.length; i++) {
            assertEquals(real[i] * w * h, back[i], 1e-6, "sample " + i);
        }
    }
}
