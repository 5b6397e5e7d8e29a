package io.credmark.pixels.png;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * The rows of a changed image as the file stores them: samples at the file's depth, packed, before filtering. A
 * palette image gives its indices; a gray or RGB image with a tRNS key keeps changed pixels off the key colour.
 * Reads only, so one instance serves many threads, each packing with a {@link Packer} of its own.
 */
final class PngRows {

    private final PngRaw raw;
    private final Raster raster;
    private final byte[] indices;
    private final int[] key;
    private final Raster original;
    private final int bands;
    private final int maxValue;
    /** Set when 8-bit samples lie in one byte array with no key to avoid: rows are copied from it directly. */
    private final PixelInterleavedSampleModel direct;
    private final byte[] data;

    PngRows(PngSource src, BufferedImage image, byte[] indices) {
        this.raw = src.raw();
        this.raster = image.getRaster();
        this.indices = indices;
        this.key = src.transparentKey();
        this.original = src.original() == null ? null : src.original().getRaster();
        this.bands = raster.getNumBands();
        this.maxValue = (1 << raw.bitDepth) - 1;
        this.direct = indices == null && key == null && raw.bitDepth == 8 && raster.getParent() == null
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm
                && raster.getDataBuffer() instanceof DataBufferByte && bands == raw.channels ? sm : null;
        this.data = direct != null ? ((DataBufferByte) raster.getDataBuffer()).getData() : null;
    }

    Packer packer() {
        return new Packer();
    }

    /** Packs rows on one thread, with buffers of its own. */
    final class Packer {

        private final int[] pixels = new int[Math.multiplyExact(raw.width, bands)];
        private final int[] before = key != null ? new int[pixels.length] : null;
        private final int[] samples = new int[Math.multiplyExact(raw.width, raw.channels)];

        /** Writes row {@code k} of {@code pass} into {@code row}. */
        void pack(PngRaw.Pass pass, int k, byte[] row) {
            int y = pass.y0() + k * pass.dy();
            int x0 = pass.x0();
            int dx = pass.dx();
            int pw = pass.width();
            if (direct != null) {
                int[] offsets = direct.getBandOffsets();
                int ps = direct.getPixelStride();
                int base = raster.getDataBuffer().getOffset() + y * direct.getScanlineStride() + x0 * ps;
                if (dx == 1 && ps == raw.channels && isAscending(offsets)) {
                    System.arraycopy(data, base, row, 0, pw * ps);
                    return;
                }
                for (int c = 0; c < raw.channels; c++) {
                    for (int i = 0, p = base + offsets[c]; i < pw; i++, p += dx * ps) {
                        row[i * raw.channels + c] = data[p];
                    }
                }
                return;
            }
            if (indices != null) {
                for (int i = 0; i < pw; i++) {
                    samples[i] = indices[y * raw.width + x0 + i * dx] & 0xFF;
                }
            } else {
                raster.getPixels(0, y, raw.width, 1, pixels);
                if (key != null) {
                    original.getPixels(0, y, raw.width, 1, before);
                }
                for (int i = 0; i < pw; i++) {
                    int p = (x0 + i * dx) * bands;
                    for (int c = 0; c < raw.channels; c++) {
                        samples[i * raw.channels + c] = toFileDepth(pixels[p + c]);
                    }
                    if (key != null && !samePixel(pixels, before, p, bands)) {
                        avoidKey(samples, i * raw.channels);
                    }
                }
            }
            Arrays.fill(row, 0, (int) raw.rowBytes(pw), (byte) 0);
            raw.pack(samples, pw * raw.channels, row, 0);
        }

        /**
         * A changed pixel must not take the tRNS colour, or it would turn transparent: such a pixel is moved one
         * step away in its first channel.
         */
        private void avoidKey(int[] s, int at) {
            for (int c = 0; c < key.length; c++) {
                if (s[at + c] != key[c]) {
                    return;
                }
            }
            s[at] = s[at] < maxValue ? s[at] + 1 : s[at] - 1;
        }
    }

    private static boolean isAscending(int[] offsets) {
        for (int c = 0; c < offsets.length; c++) {
            if (offsets[c] != c) {
                return false;
            }
        }
        return true;
    }

    /** 8- and 16-bit samples are stored as they are; 1-, 2- and 4-bit gray was handed out scaled to 8 bits. */
    private int toFileDepth(int v) {
        if (raw.bitDepth >= 8) {
            return v;
        }
        return (v * maxValue + 127) / 255;
    }

    private static boolean samePixel(int[] a, int[] b, int at, int n) {
        for (int i = 0; i < n; i++) {
            if (a[at + i] != b[at + i]) {
                return false;
            }
        }
        return true;
    }
}
