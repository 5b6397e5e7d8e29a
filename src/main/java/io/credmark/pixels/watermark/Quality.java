package io.credmark.pixels.watermark;

import java.awt.image.BufferedImage;

/**
 * Image quality measures: PSNR over the colour channels, and luma SSIM (Wang et al. 2004: 11×11 Gaussian window,
 * σ = 1.5, K1 = 0.01, K2 = 0.03, L = 255, the mean over all window positions with clamped edges).
 */
public final class Quality {

    static final double C1 = (0.01 * 255) * (0.01 * 255);
    static final double C2 = (0.03 * 255) * (0.03 * 255);
    private static final float[] GAUSS = gauss(1.5, 5);

    private Quality() {
    }

    /**
     * Packed 0xAARRGGBB pixels, row-major. Unlike {@link BufferedImage#getRGB}, 8-bit grey images give their sample
     * value in all three channels (getRGB treats their grey as linear and brightens it).
     */
    public static int[] argb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            int[] g = image.getRaster().getPixels(0, 0, w, h, (int[]) null);
            for (int i = 0; i < g.length; i++) {
                g[i] = 0xFF000000 | g[i] * 0x010101;
            }
            return g;
        }
        return image.getRGB(0, 0, w, h, null, 0, w);
    }

    /** PSNR in dB over R, G and B (or the grey channel), 8-bit scale; infinite for identical images. */
    public static double psnr(BufferedImage a, BufferedImage b) {
        check(a, b);
        int w = a.getWidth();
        int h = a.getHeight();
        int[] pa = argb(a);
        int[] pb = argb(b);
        double sum = 0;
        for (int y = 0; y < h; y++) {
            int[] ra = java.util.Arrays.copyOfRange(pa, y * w, y * w + w);
            int[] rb = java.util.Arrays.copyOfRange(pb, y * w, y * w + w);
            for (int x = 0; x < w; x++) {
                int p = ra[x];
                int q = rb[x];
                for (int s = 0; s <= 16; s += 8) {
                    int d = ((p >> s) & 0xFF) - ((q >> s) & 0xFF);
                    sum += d * d;
                }
            }
        }
        double mse = sum / (3.0 * w * h);
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Luma SSIM of two images of the same size. */
    public static double ssim(BufferedImage a, BufferedImage b) {
        check(a, b);
        LumaImage la = LumaImage.of(a);
        LumaImage lb = LumaImage.of(b);
        return ssim(la.y, lb.y, la.width, la.height, 1);
    }

    /** Largest |ΔY| inside flat 16×16 blocks (luma standard deviation below 1.5 in the unmarked image), or 0. */
    public static double maxDeltaInFlatBlocks(BufferedImage original, BufferedImage marked) {
        check(original, marked);
        LumaImage a = LumaImage.of(original);
        LumaImage b = LumaImage.of(marked);
        int w = a.width;
        double worst = 0;
        for (int by = 0; by + 16 <= a.height; by += 16) {
            for (int bx = 0; bx + 16 <= w; bx += 16) {
                double s = 0;
                double s2 = 0;
                for (int y = by; y < by + 16; y++) {
                    for (int x = bx; x < bx + 16; x++) {
                        double v = a.y[y * w + x];
                        s += v;
                        s2 += v * v;
                    }
                }
                double var = s2 / 256 - (s / 256) * (s / 256);
                if (var >= 1.5 * 1.5) {
                    continue;
                }
                for (int y = by; y < by + 16; y++) {
                    for (int x = bx; x < bx + 16; x++) {
                        worst = Math.max(worst, Math.abs(b.y[y * w + x] - a.y[y * w + x]));
                    }
                }
            }
        }
        // luma is computed in float: drop its rounding noise
        return Math.round(worst * 1000) / 1000.0;
    }

    /** Mean SSIM of two luma planes, evaluated at every {@code stride}-th window position in each direction. */
    static double ssim(float[] x, float[] y, int w, int h, int stride) {
        int n = w * h;
        float[] xx = new float[n];
        float[] yy = new float[n];
        float[] xy = new float[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        float[] mx = gaussStrided(x, w, h, stride);
        float[] my = gaussStrided(y, w, h, stride);
        float[] sxx = gaussStrided(xx, w, h, stride);
        float[] syy = gaussStrided(yy, w, h, stride);
        float[] sxy = gaussStrided(xy, w, h, stride);
        double sum = 0;
        for (int i = 0; i < mx.length; i++) {
            double ux = mx[i];
            double uy = my[i];
            double vx = sxx[i] - ux * ux;
            double vy = syy[i] - uy * uy;
            double cxy = sxy[i] - ux * uy;
            sum += ((2 * ux * uy + C1) * (2 * cxy + C2)) / ((ux * ux + uy * uy + C1) * (vx + vy + C2));
        }
        return sum / mx.length;
    }

    /** Gaussian-window means at positions (i·stride, j·stride). */
    static float[] gaussStrided(float[] src, int w, int h, int stride) {
        int ow = (w + stride - 1) / stride;
        int oh = (h + stride - 1) / stride;
        int r = GAUSS.length / 2;
        float[] rows = new float[ow * h];
        for (int y = 0; y < h; y++) {
            int o = y * w;
            for (int i = 0; i < ow; i++) {
                int x = i * stride;
                float s = 0;
                if (x >= r && x + r < w) {
                    for (int k = -r; k <= r; k++) {
                        s += GAUSS[k + r] * src[o + x + k];
                    }
                } else {
                    for (int k = -r; k <= r; k++) {
                        s += GAUSS[k + r] * src[o + ImageOps.clamp(x + k, w)];
                    }
                }
                rows[y * ow + i] = s;
            }
        }
        float[] out = new float[ow * oh];
        for (int j = 0; j < oh; j++) {
            int y = j * stride;
            for (int k = -r; k <= r; k++) {
                float g = GAUSS[k + r];
                int o = ImageOps.clamp(y + k, h) * ow;
                for (int i = 0; i < ow; i++) {
                    out[j * ow + i] += g * rows[o + i];
                }
            }
        }
        return out;
    }

    static float[] gaussKernel() {
        return GAUSS;
    }

    private static float[] gauss(double sigma, int r) {
        float[] g = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            sum += Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = -r; i <= r; i++) {
            g[i + r] = (float) (Math.exp(-i * i / (2 * sigma * sigma)) / sum);
        }
        return g;
    }

    private static void check(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new IllegalArgumentException("images differ in size");
        }
    }
}
