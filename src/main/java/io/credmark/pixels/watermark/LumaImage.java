package io.credmark.pixels.watermark;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.awt.image.WritableRaster;

/**
 * The luminance plane of an image (BT.601 weights, 0–255 scale) and the inverse step: adding a luminance change to
 * every colour channel alike, so that chroma and alpha stay as they were.
 */
final class LumaImage {

    final int width;
    final int height;
    /** Row-major luminance, 0–255. */
    final float[] y;

    private LumaImage(int width, int height, float[] y) {
        this.width = width;
        this.height = height;
        this.y = y;
    }

    static LumaImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] y = new float[w * h];
        ColorModel cm = image.getColorModel();
        if (isPlainComponent(cm)) {
            WritableRaster raster = image.getRaster();
            int colors = cm.getNumColorComponents();
            float scale = 255f / ((1 << cm.getComponentSize(0)) - 1);
            int bands = raster.getNumBands();
            int[] row = new int[w * bands];
            for (int j = 0; j < h; j++) {
                raster.getPixels(0, j, w, 1, row);
                int o = j * w;
                if (colors == 1) {
                    for (int i = 0; i < w; i++) {
                        y[o + i] = row[i * bands] * scale;
                    }
                } else {
                    for (int i = 0; i < w; i++) {
                        int p = i * bands;
                        y[o + i] = (0.299f * row[p] + 0.587f * row[p + 1] + 0.114f * row[p + 2]) * scale;
                    }
                }
            }
        } else {
            int[] argb = new int[w];
            for (int j = 0; j < h; j++) {
                image.getRGB(0, j, w, 1, argb, 0, w);
                int o = j * w;
                for (int i = 0; i < w; i++) {
                    int c = argb[i];
                    y[o + i] = 0.299f * ((c >> 16) & 0xFF) + 0.587f * ((c >> 8) & 0xFF) + 0.114f * (c & 0xFF);
                }
            }
        }
        return new LumaImage(w, h, y);
    }

    /** Adds {@code delta} (0–255 scale) to each colour channel; pixels whose delta is 0 are copied unchanged. */
    static BufferedImage apply(BufferedImage image, float[] delta) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        if (isPlainComponent(cm)) {
            WritableRaster raster = image.copyData(null);
            int colors = cm.getNumColorComponents();
            int bands = raster.getNumBands();
            int max = (1 << cm.getComponentSize(0)) - 1;
            float scale = max / 255f;
            int[] row = new int[w * bands];
            for (int j = 0; j < h; j++) {
                raster.getPixels(0, j, w, 1, row);
                int o = j * w;
                for (int i = 0; i < w; i++) {
                    float d = delta[o + i];
                    if (d == 0) {
                        continue;
                    }
                    float ds = d * scale;
                    int p = i * bands;
                    for (int b = 0; b < colors; b++) {
                        row[p + b] = clamp(Math.round(row[p + b] + ds), max);
                    }
                }
                raster.setPixels(0, j, w, 1, row);
            }
            return new BufferedImage(cm, raster, cm.isAlphaPremultiplied(), null);
        }
        int type = image.getType();
        boolean sameType = cm instanceof DirectColorModel && (type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_INT_ARGB || type == BufferedImage.TYPE_INT_BGR);
        BufferedImage out = new BufferedImage(w, h, sameType ? type
                : cm.hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[w];
        for (int j = 0; j < h; j++) {
            image.getRGB(0, j, w, 1, argb, 0, w);
            int o = j * w;
            for (int i = 0; i < w; i++) {
                float d = delta[o + i];
                if (d == 0) {
                    continue;
                }
                int c = argb[i];
                int r = clamp(Math.round(((c >> 16) & 0xFF) + d), 255);
                int g = clamp(Math.round(((c >> 8) & 0xFF) + d), 255);
                int b = clamp(Math.round((c & 0xFF) + d), 255);
                argb[i] = (c & 0xFF000000) | (r << 16) | (g << 8) | b;
            }
            out.setRGB(0, j, w, 1, argb, 0, w);
        }
        return out;
    }

    /** Non-premultiplied integer components in sRGB or grey, 8 or 16 bits: read and written through the raster. */
    private static boolean isPlainComponent(ColorModel cm) {
        if (!(cm instanceof ComponentColorModel) || cm.isAlphaPremultiplied()) {
            return false;
        }
        int t = cm.getTransferType();
        if (t != DataBuffer.TYPE_BYTE && t != DataBuffer.TYPE_USHORT) {
            return false;
        }
        ColorSpace cs = cm.getColorSpace();
        boolean gray = cs.getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1;
        boolean rgb = cs.isCS_sRGB() && cm.getNumColorComponents() == 3;
        if (!gray && !rgb) {
            return false;
        }
        int size = cm.getComponentSize(0);
        for (int i = 0; i < cm.getNumColorComponents(); i++) {
            if (cm.getComponentSize(i) != size) {
                return false;
            }
        }
        return size == 8 || size == 16;
    }

    private static int clamp(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}
