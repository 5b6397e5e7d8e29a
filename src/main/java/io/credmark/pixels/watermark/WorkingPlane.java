package io.credmark.pixels.watermark;

import io.credmark.pixels.LumaBands;
import io.credmark.pixels.Orientation;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * The plane the detector searches: the image's luminance area-reduced so that its long side is at most
 * {@link PssDetector#WORK_MAX}, whatever the image's size. It is computed strip by strip, so the search never holds
 * a full-resolution plane: its memory and all its work after this one pass over the pixels are bounded.
 *
 * <p>Why this size is enough: the embedder's chips are max(3, short side / 256) pixels, so a tile (32 chips) spans
 * 96–128 pixels at generator sizes and about 128 · short / long pixels of this plane for any larger image. That
 * leaves at least 3 pixels a chip and 8 tiles along the long side to fold, which is what the attacks the benchmark
 * measures need (0.5× resizes bring chips to 1.5–2 pixels and are still read).
 */
final class WorkingPlane {

    /** Rows of full-resolution luminance held at once. */
    private static final int STRIP = 32;

    private WorkingPlane() {
    }

    /** The working plane of {@code image} as stored. */
    static LumaImage of(BufferedImage image) {
        return of(new LumaBands() {
            @Override
            public int width() {
                return image.getWidth();
            }

            @Override
            public int height() {
                return image.getHeight();
            }

            @Override
            public void read(Sink sink) {
                for (int y0 = 0; y0 < image.getHeight(); y0 += STRIP) {
                    int rows = Math.min(STRIP, image.getHeight() - y0);
                    sink.accept(strip(image, y0, rows), y0, rows);
                }
            }
        });
    }

    /** The working plane of a luminance read band by band. */
    static LumaImage of(LumaBands luma) {
        int w = luma.width();
        int h = luma.height();
        double f = Math.min(1.0, (double) PssDetector.WORK_MAX / Math.max(w, h));
        if (f == 1.0) {
            float[] y = new float[w * h];
            luma.read((samples, y0, rows) -> System.arraycopy(samples, 0, y, y0 * w, rows * w));
            return new LumaImage(w, h, y);
        }
        int ww = Math.max(1, (int) Math.round(w * f));
        int wh = Math.max(1, (int) Math.round(h * f));
        ImageOps.Kernel kx = ImageOps.Kernel.of(w, ww);
        ImageOps.Kernel ky = ImageOps.Kernel.of(h, wh);
        // each output row is the weighted sum of the reduced source rows from ky.start on: add every source row to
        // the output rows it contributes to, in source order, as ImageOps.resample sums them
        float[] out = new float[ww * wh];
        float[] row = new float[ww];
        int[] first = {0};
        luma.read((samples, y0, rows) -> {
            for (int j = 0; j < rows; j++) {
                int y = y0 + j;
                kx.apply(samples, j * w, 1, row, 0, 1);
                while (first[0] < wh && ky.start[first[0]] + ky.weights[first[0]].length <= y) {
                    first[0]++;
                }
                for (int i = first[0]; i < wh && ky.start[i] <= y; i++) {
                    int k = y - ky.start[i];
                    if (k >= ky.weights[i].length) {
                        continue;
                    }
                    float wt = ky.weights[i][k];
                    int o = i * ww;
                    for (int x = 0; x < ww; x++) {
                        out[o + x] += wt * row[x];
                    }
                }
            }
        });
        return new LumaImage(ww, wh, out);
    }

    /** Luminance of {@code rows} rows from {@code y0}, as {@link LumaImage#of} computes it. */
    private static float[] strip(BufferedImage image, int y0, int rows) {
        int w = image.getWidth();
        if (!(image.getColorModel() instanceof DirectColorModel cm) || cm.isAlphaPremultiplied()
                || !cm.getColorSpace().isCS_sRGB() || cm.getRedMask() != 0xFF0000 || cm.getGreenMask() != 0xFF00
                || cm.getBlueMask() != 0xFF || !(image.getRaster().getDataBuffer() instanceof DataBufferInt db)
                || db.getNumBanks() != 1
                || !(image.getRaster().getSampleModel() instanceof SinglePixelPackedSampleModel sm)) {
            return LumaImage.of(image.getSubimage(0, y0, w, rows)).y;
        }
        // packed RGB (a palette PNG's pixels): read the ints, not pixel by pixel through the colour model
        int[] data = db.getData();
        int scan = sm.getScanlineStride();
        int base = db.getOffset() - image.getRaster().getSampleModelTranslateX()
                - image.getRaster().getSampleModelTranslateY() * scan;
        float[] out = new float[w * rows];
        for (int j = 0; j < rows; j++) {
            int p = base + (y0 + j) * scan;
            for (int i = 0; i < w; i++) {
                int c = data[p + i];
                out[j * w + i] = 0.299f * ((c >> 16) & 0xFF) + 0.587f * ((c >> 8) & 0xFF) + 0.114f * (c & 0xFF);
            }
        }
        return out;
    }

    /** The plane as viewers show an image stored with {@code orientation}. */
    static LumaImage turned(LumaImage stored, Orientation orientation) {
        if (orientation == Orientation.NORMAL) {
            return stored;
        }
        int w = stored.width;
        int h = stored.height;
        int dw = orientation.displayWidth(w, h);
        int dh = orientation.displayHeight(w, h);
        float[] out = new float[dw * dh];
        for (int dy = 0; dy < dh; dy++) {
            for (int dx = 0; dx < dw; dx++) {
                int[] s = orientation.toStored(dx, dy, w, h);
                out[dy * dw + dx] = stored.y[s[1] * w + s[0]];
            }
        }
        return new LumaImage(dw, dh, out);
    }
}
