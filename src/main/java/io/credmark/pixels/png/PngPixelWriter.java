package io.credmark.pixels.png;

import io.credmark.bytes.BigEndian;
import io.credmark.container.png.PngChunk;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

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
        byte[] idat = new IdatCompressor(raw, new PngRows(src, image, indices), deflateLevel).compress();
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
