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

    LumaImage(int width, int height, float[] y) {
        this.width = width;
        this.height = height;
        this.y = y;
    }

    static LumaImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] y = new float[w * h];
        ColorModel cm = image.getColorModel();
        Interleaved il = Interleaved.of(image);
        if (il != null) {
            byte[] data = il.data;
            Bands.forEach(h, w, (from, to) -> {
                for (int j = from; j < to; j++) {
                    int p = il.offset + j * il.scanline;
                    int o = j * w;
                    if (il.gray) {
                        for (int i = 0; i < w; i++, p += il.pixel) {
                            y[o + i] = data[p] & 0xFF;
                        }
                    } else {
                        for (int i = 0; i < w; i++, p += il.pixel) {
                            y[o + i] = 0.299f * (data[p + il.r] & 0xFF) + 0.587f * (data[p + il.g] & 0xFF)
                                    + 0.114f * (data[p + il.b] & 0xFF);
                        }
                    }
                }
            });
            return new LumaImage(w, h, y);
        }
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

    /** The changed image and the PSNR of the change over its colour channels (8-bit scale). */
    record Applied(BufferedImage image, double psnr) {
    }

    /** Adds {@code delta} (0–255 scale) to each colour channel; pixels whose delta is 0 are copied unchanged. */
    static Applied apply(BufferedImage image, float[] delta) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        Interleaved source = Interleaved.of(image);
        if (source != null) {
            WritableRaster src = image.getRaster();
            WritableRaster raster;
            if (source.offset == 0 && src.getSampleModelTranslateX() == 0 && src.getSampleModelTranslateY() == 0
                    && src.getWidth() == w && src.getHeight() == h) {
                raster = java.awt.image.Raster.createWritableRaster(src.getSampleModel(),
                        new java.awt.image.DataBufferByte(source.data.clone(), source.data.length), null);
            } else {
                raster = image.copyData(null);
            }
            BufferedImage out = new BufferedImage(cm, raster, cm.isAlphaPremultiplied(), null);
            Interleaved il = Interleaved.of(out);
            if (il != null) {
                int bands = il.gray ? 1 : 3;
                // whole squared steps: their sum is exact in any order
                double sse = Bands.sum(h, w, (from, to) -> addRows(il, delta, w, from, to));
                return new Applied(out, psnr(sse, (double) w * h * bands));
            }
        }
        if (isPlainComponent(cm)) {
            WritableRaster raster = image.copyData(null);
            int colors = cm.getNumColorComponents();
            int bands = raster.getNumBands();
            int max = (1 << cm.getComponentSize(0)) - 1;
            float scale = max / 255f;
            int[] row = new int[w * bands];
            double sse = 0;
            for (int j = 0; j < h; j++) {
                raster.getPixels(0, j, w, 1, row);
                int o = j * w;
                boolean changed = false;
                for (int i = 0; i < w; i++) {
                    float d = delta[o + i];
                    if (d == 0) {
                        continue;
                    }
                    float ds = d * scale;
                    int p = i * bands;
                    for (int b = 0; b < colors; b++) {
                        int v = clamp(Math.round(row[p + b] + ds), max);
                        double e = (v - row[p + b]) / (double) scale;
                        sse += e * e;
                        row[p + b] = v;
                        changed = true;
                    }
                }
                if (changed) {
                    raster.setPixels(0, j, w, 1, row);
                }
            }
            return new Applied(new BufferedImage(cm, raster, cm.isAlphaPremultiplied(), null),
                    psnr(sse, (double) w * h * colors));
        }
        int type = image.getType();
        boolean sameType = cm instanceof DirectColorModel && (type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_INT_ARGB || type == BufferedImage.TYPE_INT_BGR);
        BufferedImage out = new BufferedImage(w, h, sameType ? type
                : cm.hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        int[] argb = new int[w];
        double sse = 0;
        for (int j = 0; j < h; j++) {
            image.getRGB(0, j, w, 1, argb, 0, w);
            int o = j * w;
            for (int i = 0; i < w; i++) {
                float d = delta[o + i];
                if (d == 0) {
                    continue;
                }
                int c = argb[i];
                int r0 = (c >> 16) & 0xFF;
                int g0 = (c >> 8) & 0xFF;
                int b0 = c & 0xFF;
                int step = Math.round(d);
                int r = clamp(r0 + step, 255);
                int g = clamp(g0 + step, 255);
                int b = clamp(b0 + step, 255);
                sse += (r - r0) * (r - r0) + (g - g0) * (g - g0) + (b - b0) * (b - b0);
                argb[i] = (c & 0xFF000000) | (r << 16) | (g << 8) | b;
            }
            out.setRGB(0, j, w, 1, argb, 0, w);
        }
        return new Applied(out, psnr(sse, 3.0 * w * h));
    }

    /** Adds the rows [from, to) of {@code delta} to 8-bit interleaved samples; the sum of the squared changes. */
    private static long addRows(Interleaved il, float[] delta, int w, int from, int to) {
        byte[] data = il.data;
        long sse = 0;
        for (int j = from; j < to; j++) {
            int p = il.offset + j * il.scanline;
            int o = j * w;
            for (int i = 0; i < w; i++, p += il.pixel) {
                float d = delta[o + i];
                if (d == 0) {
                    continue;
                }
                // one whole step for every channel, so that their differences (the chroma) stay
                int step = Math.round(d);
                sse += add(data, p + il.r, step);
                if (!il.gray) {
                    sse += add(data, p + il.g, step) + add(data, p + il.b, step);
                }
            }
        }
        return sse;
    }

    /** Adds {@code step} to one 8-bit sample, clamped; the squared change. */
    private static int add(byte[] data, int at, int step) {
        int v0 = data[at] & 0xFF;
        int v = clamp(v0 + step, 255);
        data[at] = (byte) v;
        return (v - v0) * (v - v0);
    }

    private static double psnr(double sse, double n) {
        return sse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 * n / sse);
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

    /** Direct access to 8-bit pixel-interleaved grey or sRGB data (with or without alpha) in one byte array. */
    private static final class Interleaved {
        byte[] data;
        int offset;
        int scanline;
        int pixel;
        int r;
        int g;
        int b;
        boolean gray;

        static Interleaved of(BufferedImage image) {
            ColorModel cm = image.getColorModel();
            WritableRaster raster = image.getRaster();
            if (!isPlainComponent(cm) || cm.getComponentSize(0) != 8
                    || !(raster.getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel sm)
                    || !(raster.getDataBuffer() instanceof java.awt.image.DataBufferByte db)
                    || db.getNumBanks() != 1) {
                return null;
            }
            Interleaved il = new Interleaved();
            il.data = db.getData();
            int[] bandOffsets = sm.getBandOffsets();
            il.pixel = sm.getPixelStride();
            il.scanline = sm.getScanlineStride();
            il.offset = db.getOffset() - raster.getSampleModelTranslateX() * il.pixel
                    - raster.getSampleModelTranslateY() * il.scanline;
            il.gray = cm.getNumColorComponents() == 1;
            il.r = bandOffsets[0];
            if (!il.gray) {
                il.g = bandOffsets[1];
                il.b = bandOffsets[2];
            }
            return il;
        }
    }
}
