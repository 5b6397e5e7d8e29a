package io.credmark.pixels.jpeg;

import io.credmark.pixels.Cores;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The pixel side of coefficient-level editing. A unit is the pixel area of one MCU of the frame
 * (8·Hmax × 8·Vmax pixels): units whose pixels changed are found by comparing 64-bit hashes taken at decode time,
 * and only their blocks are computed anew (colour conversion, downsampling, forward DCT, quantization with the
 * file's own tables), the way libjpeg's encoder does it.
 */
final class JpegUnits {

    /** FNV-1a's 64-bit prime, for the unit hashes. */
    private static final long PRIME = 0x100000001b3L;

    /** AAN scale of output frequency k (libjpeg jcdctmgr.c): 1 for k = 0, else cos(kπ/16)·√2. */
    private static final double[] AAN_SCALE = new double[8];

    static {
        for (int k = 0; k < 8; k++) {
            AAN_SCALE[k] = k == 0 ? 1.0 : Math.cos(k * Math.PI / 16) * Math.sqrt(2);
        }
    }

    /** Pixels from which the units are recomputed on more than one core. */
    static final long PARALLEL_PIXELS = 1 << 18;

    private JpegUnits() {
    }

    /** The AAN scale of frequency k, shared by the forward and the inverse transform. */
    static double aanScale(int k) {
        return AAN_SCALE[k];
    }

    /**
     * Per unit, row by row, a 64-bit hash of its pixels inside the image and, for three bands, one of its chroma:
     * the differences R − G and B − G of every pixel, which Cb and Cr are functions of alone (T.81 with JFIF's
     * conversion: Cb = 0.5·(B − G) − 0.1687·(R − G), Cr = 0.5·(R − G) − 0.0813·(B − G)). A change that adds the same
     * step to R, G and B, as the watermark does, leaves the chroma hash as it was.
     *
     * @param pixels per unit, over every sample
     * @param chroma per unit, over the colour differences; null for one band
     */
    record Hashes(long[] pixels, long[] chroma) {
    }

    static Hashes hashes(BufferedImage image, int unitW, int unitH, int unitsX, int unitsY) {
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ComponentSampleModel sm = (ComponentSampleModel) image.getSampleModel();
        Layout layout = new Layout(data, sm.getPixelStride(), sm.getScanlineStride(), sm.getBandOffsets(),
                image.getWidth(), image.getHeight());
        long[] out = new long[unitsX * unitsY];
        long[] chroma = layout.bands.length == 3 && layout.pixelStride == 3 ? new long[unitsX * unitsY] : null;
        // rows of units on the common pool's cores when spare: each unit's hashes are its own
        int parts = parts(layout, unitsY);
        Cores.spread(IntStream.range(0, parts)).forEach(p -> hashes(layout, unitW, unitH, unitsX, out, chroma,
                unitsY * p / parts, unitsY * (p + 1) / parts));
        return new Hashes(out, chroma);
    }

    /** Parts to split {@code rows} rows of units into: one for a small image, else two a core. */
    private static int parts(Layout layout, int rows) {
        return (long) layout.w * layout.h < PARALLEL_PIXELS ? 1
                : Math.min(rows, 2 * Runtime.getRuntime().availableProcessors());
    }

    /** {@link #hashes} of the unit rows [from, to). */
    private static void hashes(Layout layout, int unitW, int unitH, int unitsX, long[] out, long[] chroma,
            int from, int to) {
        byte[] data = layout.data;
        int pixelStride = layout.pixelStride;
        int scanline = layout.scanline;
        int[] bands = layout.bands;
        boolean colour = chroma != null;
        int w = layout.w;
        int h = layout.h;
        for (int uy = from; uy < to; uy++) {
            for (int ux = 0; ux < unitsX; ux++) {
                long hash = 0xcbf29ce484222325L;
                long diff = 0xcbf29ce484222325L;
                int x0 = ux * unitW;
                int x1 = Math.min(w, x0 + unitW);
                for (int y = uy * unitH; y < Math.min(h, (uy + 1) * unitH); y++) {
                    int start = y * scanline + x0 * pixelStride;
                    int end = y * scanline + x1 * pixelStride;
                    if (colour) {
                        // one step per pixel on each of two independent chains
                        for (int i = start; i < end; i += 3) {
                            int r = data[i + bands[0]] & 0xFF;
                            int g = data[i + bands[1]] & 0xFF;
                            int b = data[i + bands[2]] & 0xFF;
                            hash = (hash ^ (r << 16 | g << 8 | b)) * PRIME;
                            diff = (diff ^ ((r - g + 256) << 10 | (b - g + 256))) * PRIME;
                        }
                    } else {
                        for (int i = start; i < end; i++) {
                            hash = (hash ^ (data[i] & 0xFF)) * PRIME;
                        }
                    }
                }
                out[uy * unitsX + ux] = hash;
                if (colour) {
                    chroma[uy * unitsX + ux] = diff;
                }
            }
        }
    }

    /**
     * Recomputes every block of the units flagged in {@code changed} from {@code image} (TYPE_3BYTE_BGR or
     * TYPE_BYTE_GRAY), writing quantized coefficients into {@code frame}.
     *
     * @param ycc         whether three components are YCbCr (else they are R, G, B)
     * @param lumaOnly    per unit, whether only its luma changed (its chroma hash is the same), so that the Cb
     *                    and Cr blocks keep their coefficients; null when every changed unit is recomputed whole
     */
    static void recompute(JpegFrame frame, BufferedImage image, boolean[] changed, boolean[] lumaOnly,
            Map<Integer, int[]> tables, boolean ycc) {
        int n = frame.components.length;
        double[][] divisors = new double[n][];
        for (int ci = 0; ci < n; ci++) {
            divisors[ci] = divisors(tables.get(frame.components[ci].tq));
        }
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ComponentSampleModel sm = (ComponentSampleModel) image.getSampleModel();
        Layout layout = new Layout(data, sm.getPixelStride(), sm.getScanlineStride(), sm.getBandOffsets(),
                image.getWidth(), image.getHeight());
        // rows of units on the common pool's cores when spare: each unit's blocks are its own, the same anywhere
        int rows = frame.mcusY;
        int parts = parts(layout, rows);
        Cores.spread(IntStream.range(0, parts)).forEach(p -> recompute(frame, layout, changed, lumaOnly, divisors, ycc,
                rows * p / parts, rows * (p + 1) / parts));
    }

    /** {@link #recompute} of the unit rows [from, to). */
    private static void recompute(JpegFrame frame, Layout layout, boolean[] changed, boolean[] lumaOnly,
            double[][] divisors, boolean ycc, int from, int to) {
        int unitW = 8 * frame.hmax;
        int unitH = 8 * frame.vmax;
        int n = frame.components.length;
        double[][] planes = new double[n][unitW * unitH];
        double[] block = new double[64];
        int[] columns = new int[unitW];
        // small methods: the JIT compiles each loop nest well, where one method holding all of them ran slowly
        for (int uy = from; uy < to; uy++) {
            for (int ux = 0; ux < frame.mcusX; ux++) {
                if (!changed[uy * frame.mcusX + ux]) {
                    continue;
                }
                boolean luma = ycc && lumaOnly != null && lumaOnly[uy * frame.mcusX + ux];
                JpegFrame.Component y0 = frame.components[0];
                if (luma && y0.h == frame.hmax && y0.v == frame.vmax && (ux + 1) * unitW <= layout.w
                        && (uy + 1) * unitH <= layout.h) {
                    // the common case of a watermark: only Y changed, at full resolution, inside the image
                    for (int bv = 0; bv < y0.v; bv++) {
                        for (int bh = 0; bh < y0.h; bh++) {
                            lumaBlock(layout, ux * unitW + bh * 8, uy * unitH + bv * 8, block);
                            forwardDct(block);
                            quantize(block, divisors[0], y0.coefficients, y0.blockOffset(ux * y0.h + bh,
                                    uy * y0.v + bv));
                        }
                    }
                    continue;
                }
                int recomputed = luma ? 1 : n;
                // full-resolution planes of the unit; pixels past the edge repeat the last column and row
                for (int x = 0; x < unitW; x++) {
                    columns[x] = Math.min(layout.w - 1, ux * unitW + x) * layout.pixelStride;
                }
                for (int y = 0; y < unitH; y++) {
                    int rowStart = Math.min(layout.h - 1, uy * unitH + y) * layout.scanline;
                    int at = y * unitW;
                    if (n == 1) {
                        grayRow(layout, rowStart, columns, planes[0], at);
                    } else if (ycc) {
                        yccRow(layout, rowStart, columns, planes, at, luma);
                    } else {
                        rgbRow(layout, rowStart, columns, planes, at);
                    }
                }
                for (int ci = 0; ci < recomputed; ci++) {
                    JpegFrame.Component c = frame.components[ci];
                    int fx = frame.hmax / c.h;
                    int fy = frame.vmax / c.v;
                    for (int bv = 0; bv < c.v; bv++) {
                        for (int bh = 0; bh < c.h; bh++) {
                            if (fx == 1 && fy == 1) {
                                blockOf(planes[ci], unitW, bh * 8, bv * 8, block);
                            } else {
                                downsampledBlock(planes[ci], unitW, bh, bv, fx, fy, block);
                            }
                            forwardDct(block);
                            quantize(block, divisors[ci], c.coefficients, c.blockOffset(ux * c.h + bh, uy * c.v + bv));
                        }
                    }
                }
            }
        }
    }

    /** An 8-bit interleaved raster's samples and geometry. */
    private record Layout(byte[] data, int pixelStride, int scanline, int[] bands, int w, int h) {
    }

    private static void grayRow(Layout l, int rowStart, int[] columns, double[] gray, int at) {
        byte[] data = l.data;
        int b0 = rowStart + l.bands[0];
        for (int x = 0; x < columns.length; x++) {
            gray[at + x] = data[b0 + columns[x]] & 0xFF;
        }
    }

    /** Y, Cb and Cr of a row of the unit, or its Y alone when {@code lumaOnly}. */
    private static void yccRow(Layout l, int rowStart, int[] columns, double[][] planes, int at, boolean lumaOnly) {
        byte[] data = l.data;
        double[] p0 = planes[0];
        double[] p1 = planes[1];
        double[] p2 = planes[2];
        int rb = rowStart + l.bands[0];
        int gb = rowStart + l.bands[1];
        int bb = rowStart + l.bands[2];
        for (int x = 0; x < columns.length; x++) {
            int c = columns[x];
            double r = data[rb + c] & 0xFF;
            double g = data[gb + c] & 0xFF;
            double b = data[bb + c] & 0xFF;
            p0[at + x] = 0.299 * r + 0.587 * g + 0.114 * b;
            if (lumaOnly) {
                continue;
            }
            p1[at + x] = -0.168735892 * r - 0.331264108 * g + 0.5 * b + 128;
            p2[at + x] = 0.5 * r - 0.418687589 * g - 0.081312411 * b + 128;
        }
    }

    private static void rgbRow(Layout l, int rowStart, int[] columns, double[][] planes, int at) {
        byte[] data = l.data;
        int rb = rowStart + l.bands[0];
        int gb = rowStart + l.bands[1];
        int bb = rowStart + l.bands[2];
        for (int x = 0; x < columns.length; x++) {
            int c = columns[x];
            planes[0][at + x] = data[rb + c] & 0xFF;
            planes[1][at + x] = data[gb + c] & 0xFF;
            planes[2][at + x] = data[bb + c] & 0xFF;
        }
    }

    /** The level-shifted luma of the 8×8 pixels at (x0, y0), all inside the image: as yccRow and blockOf. */
    private static void lumaBlock(Layout l, int x0, int y0, double[] block) {
        byte[] data = l.data;
        int stride = l.pixelStride;
        for (int y = 0; y < 8; y++) {
            int p = (y0 + y) * l.scanline + x0 * stride;
            int rb = p + l.bands[0];
            int gb = p + l.bands[1];
            int bb = p + l.bands[2];
            for (int x = 0, c = 0; x < 8; x++, c += stride) {
                double r = data[rb + c] & 0xFF;
                double g = data[gb + c] & 0xFF;
                double b = data[bb + c] & 0xFF;
                block[y * 8 + x] = (0.299 * r + 0.587 * g + 0.114 * b) - 128;
            }
        }
    }

    /** The level-shifted 8×8 block at (x0, y0) of a full-resolution plane {@code unitW} wide. */
    private static void blockOf(double[] plane, int unitW, int x0, int y0, double[] block) {
        for (int y = 0; y < 8; y++) {
            int row = (y0 + y) * unitW + x0;
            for (int x = 0; x < 8; x++) {
                block[y * 8 + x] = plane[row + x] - 128;
            }
        }
    }

    /** Block (bh, bv) of a plane downsampled by fx × fy (the mean of each fx × fy area), level-shifted. */
    private static void downsampledBlock(double[] plane, int unitW, int bh, int bv, int fx, int fy,
            double[] block) {
        double norm = 1.0 / (fx * fy);
        if (fx == 2 && fy == 2) { // 4:2:0, summed in the order of the general loop below
            for (int y = 0; y < 8; y++) {
                int row = (bv * 8 + y) * 2 * unitW + bh * 16;
                for (int x = 0; x < 8; x++) {
                    int a = row + 2 * x;
                    double sum = plane[a] + plane[a + 1] + plane[a + unitW] + plane[a + unitW + 1];
                    block[y * 8 + x] = sum * norm - 128;
                }
            }
            return;
        }
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double sum = 0;
                for (int dy = 0; dy < fy; dy++) {
                    int row = ((bv * 8 + y) * fy + dy) * unitW + (bh * 8 + x) * fx;
                    for (int dx = 0; dx < fx; dx++) {
                        sum += plane[row + dx];
                    }
                }
                block[y * 8 + x] = sum * norm - 128;
            }
        }
    }

    /**
     * Per coefficient, the factor that turns {@link #forwardDct}'s scaled output into the T.81 DCT (§A.3.3)
     * divided by the quantizer: 1 / (q · 8 · s(u) · s(v)).
     */
    static double[] divisors(int[] q) {
        double[] out = new double[64];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                out[v * 8 + u] = 1.0 / (q[v * 8 + u] * 8.0 * AAN_SCALE[u] * AAN_SCALE[v]);
            }
        }
        return out;
    }

    /** Scales, rounds half away from zero and clamps to the baseline range (DC ±2047, AC ±1023). */
    private static void quantize(double[] dct, double[] divisors, short[] out, int off) {
        double dc = dct[0] * divisors[0];
        int k = (int) (dc >= 0 ? dc + 0.5 : dc - 0.5);
        out[off] = (short) (k > 2047 ? 2047 : k < -2047 ? -2047 : k);
        for (int i = 1; i < 64; i++) {
            double v = dct[i] * divisors[i];
            k = (int) (v >= 0 ? v + 0.5 : v - 0.5);
            out[off + i] = (short) (k > 1023 ? 1023 : k < -1023 ? -1023 : k);
        }
    }

    /**
     * The 2-D DCT-II of an 8×8 block in place, row order, by the Arai–Agui–Nakajima factorisation (libjpeg
     * jfdctflt.c): output (u, v) is the T.81 DCT coefficient times 8·s(u)·s(v); {@link #divisors} undoes that.
     */
    static void forwardDct(double[] d) {
        for (int pass = 0; pass < 2; pass++) {
            int step = pass == 0 ? 1 : 8;
            int next = pass == 0 ? 8 : 1;
            for (int line = 0, o = 0; line < 8; line++, o += next) {
                double tmp0 = d[o] + d[o + 7 * step];
                double tmp7 = d[o] - d[o + 7 * step];
                double tmp1 = d[o + step] + d[o + 6 * step];
                double tmp6 = d[o + step] - d[o + 6 * step];
                double tmp2 = d[o + 2 * step] + d[o + 5 * step];
                double tmp5 = d[o + 2 * step] - d[o + 5 * step];
                double tmp3 = d[o + 3 * step] + d[o + 4 * step];
                double tmp4 = d[o + 3 * step] - d[o + 4 * step];
                // even part
                double tmp10 = tmp0 + tmp3;
                double tmp13 = tmp0 - tmp3;
                double tmp11 = tmp1 + tmp2;
                double tmp12 = tmp1 - tmp2;
                d[o] = tmp10 + tmp11;
                d[o + 4 * step] = tmp10 - tmp11;
                double z1 = (tmp12 + tmp13) * 0.707106781186547524;
                d[o + 2 * step] = tmp13 + z1;
                d[o + 6 * step] = tmp13 - z1;
                // odd part
                tmp10 = tmp4 + tmp5;
                tmp11 = tmp5 + tmp6;
                tmp12 = tmp6 + tmp7;
                double z5 = (tmp10 - tmp12) * 0.382683432365089772;
                double z2 = 0.541196100146196985 * tmp10 + z5;
                double z4 = 1.306562964876376527 * tmp12 + z5;
                double z3 = tmp11 * 0.707106781186547524;
                double z11 = tmp7 + z3;
                double z13 = tmp7 - z3;
                d[o + 5 * step] = z13 + z2;
                d[o + 3 * step] = z13 - z2;
                d[o + step] = z11 + z4;
                d[o + 7 * step] = z11 - z4;
            }
        }
    }

    /** {unit width, unit height, units per row, unit rows}: one unit per MCU of an interleaved scan. */
    static int[] grid(int[][] components, int width, int height) {
        int hmax = 1;
        int vmax = 1;
        for (int[] c : components) {
            hmax = Math.max(hmax, c[0]);
            vmax = Math.max(vmax, c[1]);
        }
        int uw = 8 * hmax;
        int uh = 8 * vmax;
        return new int[] {uw, uh, (width + uw - 1) / uw, (height + uh - 1) / uh};
    }
}
