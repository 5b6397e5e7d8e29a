package io.credmark.pixels.png;

import io.credmark.bytes.BigEndian;
import io.credmark.container.png.PngChunk;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Re-encodes a PNG with new pixels and everything else of the original: the same IHDR (size, colour type, bit depth,
 * interlace method), the same chunks in the same order (see {@link PngChunks}), and new IDAT data in place of the
 * old. Unchanged pixels get their original sample values back, so any decoder sees them unchanged.
 */
final class PngPixelWriter {

    /** IDAT chunks are cut at this many bytes (libpng writes 8 KiB, zlib-based tools up to 64 KiB or more). */
    static final int IDAT_CHUNK = 1 << 16;

    /** A new palette colour this close (per colour channel, with equal alpha) to an existing entry uses that entry. */
    static final int PALETTE_TOLERANCE = 3;

    private PngPixelWriter() {
    }

    static byte[] write(PngSource src, BufferedImage image, int deflateLevel) {
        PngRaw raw = src.raw();
        byte[] plte = null;
        byte[] indices = null;
        if (raw.colourType == 3) {
            PaletteResult p = remapPalette(src, image);
            indices = p.indices();
            plte = p.extendedPlte();
        }
        byte[] idat = compress(src, image, indices, deflateLevel);
        return assemble(src, idat, plte);
    }

    // ---------------------------------------------------------------------------------------------- chunk assembly

    private static byte[] assemble(PngSource src, byte[] idat, byte[] newPlte) {
        byte[] file = src.file();
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + idat.length);
        out.write(file, 0, 8);
        boolean idatWritten = false;
        for (PngChunk c : src.chunks()) {
            String t = c.type();
            switch (t) {
                case "IDAT" -> {
                    if (!idatWritten) { // the new image data replaces the whole run of IDAT chunks
                        for (int off = 0; off < idat.length; off += IDAT_CHUNK) {
                            writeChunk(out, "IDAT", idat, off, Math.min(IDAT_CHUNK, idat.length - off));
                        }
                        idatWritten = true;
                    }
                }
                case "PLTE" -> {
                    if (newPlte != null) {
                        writeChunk(out, "PLTE", newPlte, 0, newPlte.length);
                    } else {
                        copy(out, file, c);
                    }
                }
                case "IHDR", "IEND" -> copy(out, file, c);
                default -> {
                    if (PngChunks.keep(t)) {
                        copy(out, file, c);
                    }
                }
            }
        }
        return out.toByteArray();
    }

    private static void copy(ByteArrayOutputStream out, byte[] file, PngChunk c) {
        out.write(file, (int) c.offset(), c.dataLength() + 12);
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data, int off, int len) {
        byte[] head = new byte[8];
        BigEndian.putU32(head, 0, len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, head, 4, 4);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, off, len);
        byte[] tail = new byte[4];
        BigEndian.putU32(tail, 0, crc.getValue());
        out.write(head, 0, 8);
        out.write(data, off, len);
        out.write(tail, 0, 4);
    }

    // ---------------------------------------------------------------------------------------------- image data

    private static byte[] compress(PngSource src, BufferedImage image, byte[] indices, int level) {
        PngRaw raw = src.raw();
        Raster r = image.getRaster();
        int w = raw.width;
        int bands = r.getNumBands();
        int stride = raw.filterStride();
        boolean adaptive = raw.colourType != 3 && raw.bitDepth >= 8;
        int maxValue = (1 << raw.bitDepth) - 1;
        int[] key = src.transparentKey();
        Raster original = src.original() == null ? null : src.original().getRaster();

        int[] pixels = new int[Math.multiplyExact(w, bands)];
        int[] before = key != null ? new int[pixels.length] : null;
        int[] samples = new int[Math.multiplyExact(w, raw.channels)];
        int maxRow = (int) raw.rowBytes(w);
        byte[] row = new byte[maxRow];
        byte[] prior = new byte[maxRow];
        byte[][] filtered = new byte[5][maxRow];

        // 8-bit samples in one byte array, no key to avoid: rows are copied from it directly
        java.awt.image.PixelInterleavedSampleModel direct = indices == null && key == null && raw.bitDepth == 8
                && r.getParent() == null && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0
                && r.getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel sm
                && r.getDataBuffer() instanceof java.awt.image.DataBufferByte && bands == raw.channels ? sm : null;
        byte[] data = direct != null ? ((java.awt.image.DataBufferByte) r.getDataBuffer()).getData() : null;
        Deflater deflater = new Deflater(level);
        if (adaptive) {
            deflater.setStrategy(Deflater.FILTERED); // as libpng does for filtered rows
        }
        int guess = (int) Math.min(1 << 26, raw.rawLength() / 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, guess));
        byte[] buf = new byte[1 << 16];
        try {
            for (PngRaw.Pass pass : raw.passes()) {
                int x0 = pass.x0();
                int dx = pass.dx();
                int pw = pass.width();
                int rowBytes = (int) raw.rowBytes(pw);
                boolean first = true;
                for (int k = 0; k < pass.height(); k++) {
                    int y = pass.y0() + k * pass.dy();
                    int n = pw * raw.channels;
                    if (direct != null) {
                        int[] offsets = direct.getBandOffsets();
                        int ps = direct.getPixelStride();
                        int base = r.getDataBuffer().getOffset() + y * direct.getScanlineStride() + x0 * ps;
                        for (int c = 0; c < raw.channels; c++) {
                            for (int i = 0, p = base + offsets[c]; i < pw; i++, p += dx * ps) {
                                row[i * raw.channels + c] = data[p];
                            }
                        }
                    } else if (indices != null) {
                        for (int i = 0; i < pw; i++) {
                            samples[i] = indices[y * w + x0 + i * dx] & 0xFF;
                        }
                    } else {
                        r.getPixels(0, y, w, 1, pixels);
                        if (key != null) {
                            original.getPixels(0, y, w, 1, before);
                        }
                        for (int i = 0; i < pw; i++) {
                            int p = (x0 + i * dx) * bands;
                            for (int c = 0; c < raw.channels; c++) {
                                samples[i * raw.channels + c] = toFileDepth(pixels[p + c], raw.bitDepth, maxValue);
                            }
                            if (key != null && !samePixel(pixels, before, p, bands)) {
                                avoidKey(samples, i * raw.channels, key, maxValue);
                            }
                        }
                    }
                    if (direct == null) {
                        Arrays.fill(row, 0, rowBytes, (byte) 0);
                        raw.pack(samples, n, row, 0);
                    }
                    int filter = 0;
                    if (adaptive) {
                        filter = PngRaw.filterBest(row, first ? null : prior, rowBytes, stride, filtered);
                    } else {
                        System.arraycopy(row, 0, filtered[0], 0, rowBytes);
                    }
                    deflate(deflater, new byte[] {(byte) filter}, 1, out, buf);
                    deflate(deflater, filtered[filter], rowBytes, out, buf);
                    byte[] t = prior;
                    prior = row;
                    row = t;
                    first = false;
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static void deflate(Deflater d, byte[] data, int len, ByteArrayOutputStream out, byte[] buf) {
        d.setInput(data, 0, len);
        while (!d.needsInput()) {
            int n = d.deflate(buf);
            out.write(buf, 0, n);
        }
    }

    /** 8- and 16-bit samples are stored as they are; 1-, 2- and 4-bit gray was handed out scaled to 8 bits. */
    private static int toFileDepth(int v, int bitDepth, int maxValue) {
        if (bitDepth >= 8) {
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

    /**
     * A changed pixel must not take the tRNS colour, or it would turn transparent: such a pixel is moved one step
     * away in its first channel.
     */
    private static void avoidKey(int[] samples, int at, int[] key, int maxValue) {
        for (int c = 0; c < key.length; c++) {
            if (samples[at + c] != key[c]) {
                return;
            }
        }
        samples[at] = samples[at] < maxValue ? samples[at] + 1 : samples[at] - 1;
    }

    // ---------------------------------------------------------------------------------------------- palettes

    record PaletteResult(byte[] indices, byte[] extendedPlte) {
    }

    /**
     * Keeps every unchanged pixel's original index. A changed pixel takes an entry of exactly its colour if there is
     * one, else an entry of equal alpha within {@link #PALETTE_TOLERANCE}; colours farther from every entry are
     * added to the palette, most frequent first, while the bit depth leaves room, there is no hIST (whose length must
     * equal the palette's) and the colour is opaque (so that tRNS stays as it is); the rest take the nearest entry.
     */
    static PaletteResult remapPalette(PngSource src, BufferedImage image) {
        int[] palette = src.palette();
        byte[] original = src.indices();
        int w = src.raw().width;
        int h = src.raw().height;
        boolean alpha = image.getColorModel().hasAlpha();
        byte[] indices = original.clone();
        int[] row = new int[w];
        List<int[]> changed = new ArrayList<>(); // {pixel offset, argb}
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = alpha ? row[x] : row[x] | 0xFF000000;
                if ((argb >>> 24) == 0) {
                    argb = 0; // every fully transparent colour is the same colour
                }
                int idx = original[y * w + x] & 0xFF;
                int was = idx < palette.length ? palette[idx] : 0xFF000000;
                if ((was >>> 24) == 0) {
                    was = 0;
                }
                if (argb != was) {
                    changed.add(new int[] {y * w + x, argb});
                    counts.merge(argb, 1, Integer::sum);
                }
            }
        }
        if (changed.isEmpty()) {
            return new PaletteResult(indices, null);
        }
        List<Integer> entries = new ArrayList<>();
        for (int p : palette) {
            entries.add(p);
        }
        int capacity = 1 << src.raw().bitDepth;
        boolean mayExtend = !src.hasHistogram();
        Map<Integer, Integer> assigned = new HashMap<>();
        List<Map.Entry<Integer, Integer>> byFrequency = new ArrayList<>(counts.entrySet());
        byFrequency.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
        for (Map.Entry<Integer, Integer> e : byFrequency) {
            int argb = e.getKey();
            int near = nearest(entries, palette.length, argb);
            int candidate = normal(entries.get(near));
            if ((candidate >>> 24) == (argb >>> 24) && maxChannelDifference(candidate, argb) <= PALETTE_TOLERANCE) {
                assigned.put(argb, near);
            } else if (mayExtend && (argb >>> 24) == 0xFF && entries.size() < capacity) {
                assigned.put(argb, entries.size());
                entries.add(argb);
            }
        }
        for (int argb : counts.keySet()) {
            assigned.computeIfAbsent(argb, c -> nearest(entries, entries.size(), c));
        }
        for (int[] c : changed) {
            indices[c[0]] = (byte) (int) assigned.get(c[1]);
        }
        byte[] plte = null;
        if (entries.size() > palette.length) {
            plte = new byte[entries.size() * 3];
            for (int i = 0; i < entries.size(); i++) {
                int v = entries.get(i);
                plte[3 * i] = (byte) (v >> 16);
                plte[3 * i + 1] = (byte) (v >> 8);
                plte[3 * i + 2] = (byte) v;
            }
        }
        return new PaletteResult(indices, plte);
    }

    private static int normal(int argb) {
        return (argb >>> 24) == 0 ? 0 : argb;
    }

    /** The entry among the first {@code limit} nearest in a weighted RGBA distance. */
    private static int nearest(List<Integer> entries, int limit, int argb) {
        int best = 0;
        long bestD = Long.MAX_VALUE;
        for (int i = 0; i < limit; i++) {
            long d = distance(normal(entries.get(i)), argb);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    static long distance(int a, int b) {
        int da = (a >>> 24) - (b >>> 24);
        int dr = ((a >> 16) & 0xFF) - ((b >> 16) & 0xFF);
        int dg = ((a >> 8) & 0xFF) - ((b >> 8) & 0xFF);
        int db = (a & 0xFF) - (b & 0xFF);
        return 3L * dr * dr + 6L * dg * dg + 1L * db * db + 10L * da * da;
    }

    private static int maxChannelDifference(int a, int b) {
        int m = 0;
        for (int s = 0; s < 32; s += 8) {
            m = Math.max(m, Math.abs(((a >>> s) & 0xFF) - ((b >>> s) & 0xFF)));
        }
        return m;
    }
}
