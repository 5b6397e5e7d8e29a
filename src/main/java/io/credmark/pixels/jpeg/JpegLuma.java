package io.credmark.pixels.jpeg;

import io.credmark.InvalidInputException;
import io.credmark.container.jpeg.JpegSegment;
import io.credmark.container.jpeg.JpegSegmentReader;
import io.credmark.pixels.LumaBands;
import io.credmark.pixels.Orientation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The luminance a JPEG's coefficients decode to, read without decoding its colour: the Y component's blocks are
 * dequantized and inverse-transformed (T.81 §A.3.3) one row of blocks at a time, rounded and clamped to 8 bits as a
 * decoder's samples are. Y is the luminance itself (JFIF's YCbCr→RGB conversion inverts the RGB→Y weights), so this
 * is the plane a watermark search computes from the decoded RGB, up to a decoder's rounding, at a fraction of the
 * cost: no chroma transform, upsampling or colour conversion, no full-resolution image.
 */
public final class JpegLuma implements LumaBands {

    private final JpegFrame frame;
    private final float[] multipliers;
    private final Orientation orientation;

    private JpegLuma(JpegFrame frame, int[] table, Orientation orientation) {
        this.frame = frame;
        this.multipliers = multipliers(table);
        this.orientation = orientation;
    }

    /**
     * The luminance of a greyscale or YCbCr JPEG whose Y is at full resolution, with its EXIF orientation; empty for
     * what only a full decode reads (RGB or four-component files, arithmetic coding, subsampled Y, entropy-coded data
     * the coefficient reader cannot follow).
     *
     * @throws InvalidInputException MALFORMED_IMAGE for a damaged file
     */
    public static Optional<LumaBands> of(byte[] file) {
        List<JpegSegment> segments = JpegSegmentReader.read(file);
        Map<Integer, int[]> tables = new TreeMap<>();
        int[][] components = null;
        for (JpegSegment s : segments) {
            if (s.marker() == JpegSegment.SOS) {
                break;
            }
            if (s.isStartOfFrame() && components == null) {
                components = JpegDecoder.frame(file, s);
            } else if (s.marker() == 0xDB) {
                JpegDecoder.readTables(file, (int) s.payloadOffset(), s.payloadLength(), tables);
            }
        }
        if (components == null || components.length == 2 || components.length > 3
                || components.length == 3 && !JpegDecoder.isYcc(file, segments)) {
            return Optional.empty();
        }
        JpegFrame frame;
        try {
            frame = JpegCoefficientReader.read(file);
        } catch (InvalidInputException e) {
            // arithmetic coding, or entropy-coded data the full decoder may still read: it decides
            return Optional.empty();
        }
        return of(frame, tables, JpegDecoder.orientation(file, segments));
    }

    /**
     * The luminance of coefficients in hand (the first component being Y or grey), as {@link #of(byte[])} reads it
     * from a file; empty when Y is subsampled or its table is missing.
     */
    static Optional<LumaBands> of(JpegFrame frame, Map<Integer, int[]> tables, Orientation orientation) {
        JpegFrame.Component y = frame.components[0];
        int[] table = tables.get(y.tq);
        if (y.h != frame.hmax || y.v != frame.vmax || table == null) {
            return Optional.empty();
        }
        return Optional.of(new JpegLuma(frame, table, orientation));
    }

    @Override
    public int width() {
        return frame.width;
    }

    @Override
    public int height() {
        return frame.height;
    }

    @Override
    public Orientation orientation() {
        return orientation;
    }

    @Override
    public void read(Sink sink) {
        JpegFrame.Component y = frame.components[0];
        int w = frame.width;
        int h = frame.height;
        float[] band = new float[w * 8];
        float[] block = new float[64];
        for (int by = 0; by * 8 < h; by++) {
            int rows = Math.min(8, h - by * 8);
            for (int bx = 0; bx * 8 < w; bx++) {
                inverse(y.coefficients, y.blockOffset(bx, by), multipliers, block);
                int cols = Math.min(8, w - bx * 8);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        int v = (int) Math.floor(block[r * 8 + c] + 128.5f);
                        band[r * w + bx * 8 + c] = v < 0 ? 0 : v > 255 ? 255 : v;
                    }
                }
            }
            sink.accept(band, by * 8, rows);
        }
    }

    /**
     * The 8×8 samples (level-shifted) of one block: dequantized and inverse-transformed by the Arai–Agui–Nakajima
     * factorisation (libjpeg jidctflt.c), columns then rows, with the AAN scale folded into the dequantization.
     */
    static void inverse(short[] coefficients, int off, float[] multipliers, float[] out) {
        for (int i = 0; i < 64; i++) {
            out[i] = coefficients[off + i] * multipliers[i];
        }
        for (int u = 0; u < 8; u++) {
            butterfly(out, u, 8);
        }
        for (int y = 0; y < 8; y++) {
            butterfly(out, y * 8, 1);
        }
    }

    /** One 8-point inverse DCT in place, on d[o], d[o + step], … d[o + 7·step] (AAN scale already applied). */
    private static void butterfly(float[] d, int o, int step) {
        float tmp0 = d[o];
        float tmp1 = d[o + 2 * step];
        float tmp2 = d[o + 4 * step];
        float tmp3 = d[o + 6 * step];
        // even part
        float tmp10 = tmp0 + tmp2;
        float tmp11 = tmp0 - tmp2;
        float tmp13 = tmp1 + tmp3;
        float tmp12 = (tmp1 - tmp3) * 1.414213562f - tmp13;
        tmp0 = tmp10 + tmp13;
        tmp3 = tmp10 - tmp13;
        tmp1 = tmp11 + tmp12;
        tmp2 = tmp11 - tmp12;
        // odd part
        float tmp4 = d[o + step];
        float tmp5 = d[o + 3 * step];
        float tmp6 = d[o + 5 * step];
        float tmp7 = d[o + 7 * step];
        float z13 = tmp6 + tmp5;
        float z10 = tmp6 - tmp5;
        float z11 = tmp4 + tmp7;
        float z12 = tmp4 - tmp7;
        tmp7 = z11 + z13;
        tmp11 = (z11 - z13) * 1.414213562f;
        float z5 = (z10 + z12) * 1.847759065f;
        tmp10 = z5 - z12 * 1.082392200f;
        tmp12 = z5 - z10 * 2.613125930f;
        tmp6 = tmp12 - tmp7;
        tmp5 = tmp11 - tmp6;
        tmp4 = tmp10 - tmp5;
        d[o] = tmp0 + tmp7;
        d[o + 7 * step] = tmp0 - tmp7;
        d[o + step] = tmp1 + tmp6;
        d[o + 6 * step] = tmp1 - tmp6;
        d[o + 2 * step] = tmp2 + tmp5;
        d[o + 5 * step] = tmp2 - tmp5;
        d[o + 3 * step] = tmp3 + tmp4;
        d[o + 4 * step] = tmp3 - tmp4;
    }

    /** Per coefficient: the quantizer times the AAN scales of its frequencies, over 8 (jidctflt.c's table). */
    static float[] multipliers(int[] table) {
        float[] out = new float[64];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                out[v * 8 + u] = (float) (table[v * 8 + u] * JpegUnits.aanScale(u) * JpegUnits.aanScale(v) / 8);
            }
        }
        return out;
    }
}
