package io.credmark.pixels.marker;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DirectColorModel;
import java.awt.image.WritableRaster;

/**
 * Reads and writes pixels of any image as gamma-encoded colour and straight alpha in 0..1. Samples are taken as
 * sRGB-like values whatever colour space the model names (Java's CS_GRAY claims to be linear; PNG and JPEG gray is
 * not), so gray is never gamma-converted. Images with component or direct colour models of any bit depth are read
 * and written sample by sample; others (indexed, premultiplied) through {@code getRGB}/{@code setRGB}.
 */
final class PixelAccess {

    private final BufferedImage image;
    private final WritableRaster raster;
    private final boolean direct;
    private final int colours;
    private final boolean alpha;
    private final double[] max;
    private final int[] samples;

    PixelAccess(BufferedImage image) {
        this.image = image;
        this.raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        this.direct = (cm instanceof ComponentColorModel || cm instanceof DirectColorModel)
                && !cm.isAlphaPremultiplied()
                && (cm.getNumColorComponents() == 1 || cm.getNumColorComponents() == 3)
                && raster.getNumBands() == cm.getNumComponents();
        this.colours = cm.getNumColorComponents();
        this.alpha = cm.hasAlpha();
        this.max = new double[raster.getNumBands()];
        for (int b = 0; b < max.length; b++) {
            max[b] = (1L << image.getSampleModel().getSampleSize(b)) - 1;
        }
        this.samples = new int[raster.getNumBands()];
    }

    boolean gray() {
        return colours == 1;
    }

    boolean hasAlpha() {
        return alpha;
    }

    /** {r, g, b, a} of pixel (x, y) into {@code out}. */
    void read(int x, int y, double[] out) {
        if (!direct) {
            int argb = image.getRGB(x, y);
            out[0] = ((argb >> 16) & 0xFF) / 255.0;
            out[1] = ((argb >> 8) & 0xFF) / 255.0;
            out[2] = (argb & 0xFF) / 255.0;
            out[3] = (argb >>> 24) / 255.0;
            return;
        }
        raster.getPixel(x, y, samples);
        if (colours == 1) {
            double v = samples[0] / max[0];
            out[0] = v;
            out[1] = v;
            out[2] = v;
        } else {
            out[0] = samples[0] / max[0];
            out[1] = samples[1] / max[1];
            out[2] = samples[2] / max[2];
        }
        out[3] = alpha ? samples[colours] / max[colours] : 1.0;
    }

    /** Writes {r, g, b, a}; gray images get the luma of the colour (BT.601 weights on encoded values). */
    void write(int x, int y, double[] c) {
        if (!direct) {
            int a = alpha ? to8(c[3]) : 0xFF;
            image.setRGB(x, y, (a << 24) | (to8(c[0]) << 16) | (to8(c[1]) << 8) | to8(c[2]));
            return;
        }
        if (colours == 1) {
            samples[0] = round(0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2], max[0]);
        } else {
            samples[0] = round(c[0], max[0]);
            samples[1] = round(c[1], max[1]);
            samples[2] = round(c[2], max[2]);
        }
        if (alpha) {
            samples[colours] = round(c[3], max[colours]);
        }
        raster.setPixel(x, y, samples);
    }

    private static int round(double v, double max) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * max);
    }

    private static int to8(double v) {
        return round(v, 255);
    }
}
