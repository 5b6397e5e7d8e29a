package io.credmark.pixels.jpeg;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.util.Map;

/**
 * The pixel side of coefficient-level editing. A unit is the pixel area of one MCU of the frame
 * (8·Hmax × 8·Vmax pixels): units whose pixels changed are found by comparing 64-bit hashes taken at decode time,
 * and only their blocks are computed anew (colour conversion, downsampling, forward DCT, quantization with the
 * file's own tables), the way libjpeg's encoder does it.
 */
final class JpegUnits {

    private static final double[][] COS = new double[8][8];

    static {
        for (int u = 0; u < 8; u++) {
            double cu = u == 0 ? Math.sqrt(0.5) : 1.0;
            for (int x = 0; x < 8; x++) {
                COS[u][x] = 0.5 * cu * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    private JpegUnits() {
    }

    /** One 64-bit hash per unit, row by row, over the unit's pixels inside the image. */
    static long[] hashes(BufferedImage image, int unitW, int unitH, int unitsX, int unitsY) {
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ComponentSampleModel sm = (ComponentSampleModel) image.getSampleModel();
        int pixelStride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        int w = image.getWidth();
        int h = image.getHeight();
        long[] out = new long[unitsX * unitsY];
        for (int uy = 0; uy < unitsY; uy++) {
            for (int ux = 0; ux < unitsX; ux++) {
                long hash = 0xcbf29ce484222325L;
                int x0 = ux * unitW;
                int x1 = Math.min(w, x0 + unitW);
                for (int y = uy * unitH; y < Math.min(h, (uy + 1) * unitH); y++) {
                    int from = y * scanline + x0 * pixelStride;
                    int to = y * scanline + x1 * pixelStride;
                    for (int i = from; i < to; i++) {
                        hash = (hash ^ (data[i] & 0xFF)) * 0x100000001b3L;
                    }
                }
                out[uy * unitsX + ux] = hash;
            }
        }
        return out;
    }

    /**
     * Recomputes every block of the units flagged in {@code changed} from {@code image} (TYPE_3BYTE_BGR or
     * TYPE_BYTE_GRAY), writing quantized coefficients into {@code frame}.
     *
     * @param ycc whether three components are YCbCr (else they are R, G, B)
     */
    static void recompute(JpegFrame frame, BufferedImage image, boolean[] changed, Map<Integer, int[]> tables,
            boolean ycc) {
        int unitW = 8 * frame.hmax;
        int unitH = 8 * frame.vmax;
        int n = frame.components.length;
        double[][] planes = new double[n][unitW * unitH];
        double[] block = new double[64];
        double[] dct = new double[64];
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ComponentSampleModel sm = (ComponentSampleModel) image.getSampleModel();
        int pixelStride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        int[] bandOffsets = sm.getBandOffsets();
        int w = image.getWidth();
        int h = image.getHeight();
        for (int uy = 0; uy < frame.mcusY; uy++) {
            for (int ux = 0; ux < frame.mcusX; ux++) {
                if (!changed[uy * frame.mcusX + ux]) {
                    continue;
                }
                // full-resolution planes of the unit; pixels past the edge repeat the last column and row
                for (int y = 0; y < unitH; y++) {
                    int sy = Math.min(h - 1, uy * unitH + y);
                    for (int x = 0; x < unitW; x++) {
                        int sx = Math.min(w - 1, ux * unitW + x);
                        int p = sy * scanline + sx * pixelStride;
                        int at = y * unitW + x;
                        if (n == 1) {
                            planes[0][at] = data[p + bandOffsets[0]] & 0xFF;
                            continue;
                        }
                        double r = data[p + bandOffsets[0]] & 0xFF;
                        double g = data[p + bandOffsets[1]] & 0xFF;
                        double b = data[p + bandOffsets[2]] & 0xFF;
                        if (ycc) {
                            planes[0][at] = 0.299 * r + 0.587 * g + 0.114 * b;
                            planes[1][at] = -0.168735892 * r - 0.331264108 * g + 0.5 * b + 128;
                            planes[2][at] = 0.5 * r - 0.418687589 * g - 0.081312411 * b + 128;
                        } else {
                            planes[0][at] = r;
                            planes[1][at] = g;
                            planes[2][at] = b;
                        }
                    }
                }
                for (int ci = 0; ci < n; ci++) {
                    JpegFrame.Component c = frame.components[ci];
                    int fx = frame.hmax / c.h;
                    int fy = frame.vmax / c.v;
                    int[] q = tables.get(c.tq);
                    for (int bv = 0; bv < c.v; bv++) {
                        for (int bh = 0; bh < c.h; bh++) {
                            for (int y = 0; y < 8; y++) {
                                for (int x = 0; x < 8; x++) {
                                    double sum = 0;
                                    for (int dy = 0; dy < fy; dy++) {
                                        int row = ((bv * 8 + y) * fy + dy) * unitW;
                                        for (int dx = 0; dx < fx; dx++) {
                                            sum += planes[ci][row + (bh * 8 + x) * fx + dx];
                                        }
                                    }
                                    block[y * 8 + x] = sum / (fx * fy) - 128;
                                }
                            }
                            forwardDct(block, dct);
                            int off = c.blockOffset(ux * c.h + bh, uy * c.v + bv);
                            for (int i = 0; i < 64; i++) {
                                double v = dct[i] / q[i];
                                long k = v >= 0 ? (long) (v + 0.5) : -(long) (-v + 0.5);
                                frame.components[ci].coefficients[off + i] =
                                        (short) Math.max(i == 0 ? -2047 : -1023, Math.min(i == 0 ? 2047 : 1023, k));
                            }
                        }
                    }
                }
            }
        }
    }

    /** The orthonormal 2-D DCT-II of an 8×8 block (T.81 §A.3.3), row order in and out. */
    static void forwardDct(double[] in, double[] out) {
        double[] tmp = new double[64];
        for (int y = 0; y < 8; y++) {
            for (int u = 0; u < 8; u++) {
                double s = 0;
                for (int x = 0; x < 8; x++) {
                    s += COS[u][x] * in[y * 8 + x];
                }
                tmp[y * 8 + u] = s;
            }
        }
        for (int u = 0; u < 8; u++) {
            for (int v = 0; v < 8; v++) {
                double s = 0;
                for (int y = 0; y < 8; y++) {
                    s += COS[v][y] * tmp[y * 8 + u];
                }
                out[v * 8 + u] = s;
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
