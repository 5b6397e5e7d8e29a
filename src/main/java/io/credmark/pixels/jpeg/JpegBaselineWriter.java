package io.credmark.pixels.jpeg;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes quantized coefficients as a baseline (sequential, Huffman) JPEG (ITU T.81 Annex F, B): the given tables and
 * frame, Huffman tables optimised for the data (two passes), the restart interval, one interleaved scan (or one scan
 * per component when an MCU would exceed 10 blocks).
 */
final class JpegBaselineWriter {

    private JpegBaselineWriter() {
    }

    /**
     * @param head   whole segments written after SOI, in order (the input's metadata)
     * @param tables quantization tables by id, natural order, values 1..255
     */
    static byte[] write(List<byte[]> head, JpegFrame frame, Map<Integer, int[]> tables, int restartInterval,
            int estimatedSize) {
        return write(head, frame, tables, restartInterval, estimatedSize, false);
    }

    /** @param separateScans one scan per component even when an interleaved scan is possible (for tests) */
    static byte[] write(List<byte[]> head, JpegFrame frame, Map<Integer, int[]> tables, int restartInterval,
            int estimatedSize, boolean separateScans) {
        JpegFrame.Component[] comps = frame.components;
        int blocksPerMcu = 0;
        for (JpegFrame.Component c : comps) {
            blocksPerMcu += c.h * c.v;
        }
        boolean interleaved = comps.length > 1 && blocksPerMcu <= 10 && !separateScans;
        // luminance uses tables 0, every other component tables 1
        int[] tableOf = new int[comps.length];
        for (int i = 1; i < comps.length; i++) {
            tableOf[i] = 1;
        }
        int nTables = comps.length > 1 ? 2 : 1;
        long[][] dcFreq = new long[nTables][256];
        long[][] acFreq = new long[nTables][256];
        encode(frame, interleaved, tableOf, restartInterval, null, dcFreq, acFreq, null);
        JpegHuffman[] dc = new JpegHuffman[nTables];
        JpegHuffman[] ac = new JpegHuffman[nTables];
        for (int t = 0; t < nTables; t++) {
            dc[t] = JpegHuffman.optimal(dcFreq[t]);
            ac[t] = JpegHuffman.optimal(acFreq[t]);
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream(estimatedSize);
        out.write(0xFF);
        out.write(0xD8);
        for (byte[] segment : head) {
            out.writeBytes(segment);
        }
        for (Map.Entry<Integer, int[]> t : tables.entrySet()) {
            byte[] p = new byte[65];
            p[0] = (byte) (int) t.getKey();
            for (int k = 0; k < 64; k++) {
                p[1 + k] = (byte) t.getValue()[JpegQuality.ZIGZAG[k]];
            }
            segment(out, 0xDB, p);
        }
        byte[] sof = new byte[6 + 3 * comps.length];
        sof[0] = 8;
        sof[1] = (byte) (frame.height >> 8);
        sof[2] = (byte) frame.height;
        sof[3] = (byte) (frame.width >> 8);
        sof[4] = (byte) frame.width;
        sof[5] = (byte) comps.length;
        for (int i = 0; i < comps.length; i++) {
            sof[6 + 3 * i] = (byte) comps[i].id;
            sof[7 + 3 * i] = (byte) ((comps[i].h << 4) | comps[i].v);
            sof[8 + 3 * i] = (byte) comps[i].tq;
        }
        segment(out, 0xC0, sof);
        for (int t = 0; t < nTables; t++) {
            segment(out, 0xC4, concat(dc[t].dhtPayload(0, t), ac[t].dhtPayload(1, t)));
        }
        if (restartInterval > 0) {
            segment(out, 0xDD, new byte[] {(byte) (restartInterval >> 8), (byte) restartInterval});
        }
        encode(frame, interleaved, tableOf, restartInterval, out, null, null, new JpegHuffman[][] {dc, ac});
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    /** One pass over all blocks: counts symbols ({@code out} null) or writes scans. */
    private static void encode(JpegFrame frame, boolean interleaved, int[] tableOf, int restartInterval,
            ByteArrayOutputStream out, long[][] dcFreq, long[][] acFreq, JpegHuffman[][] huff) {
        JpegFrame.Component[] comps = frame.components;
        if (interleaved) {
            scanHeader(out, comps, tableOf, range(comps.length));
            Scan s = new Scan(out, dcFreq, acFreq, huff, comps.length);
            int mcus = 0;
            for (int my = 0; my < frame.mcusY; my++) {
                for (int mx = 0; mx < frame.mcusX; mx++) {
                    s.restartIfDue(restartInterval, mcus++);
                    for (int i = 0; i < comps.length; i++) {
                        JpegFrame.Component c = comps[i];
                        for (int v = 0; v < c.v; v++) {
                            for (int h = 0; h < c.h; h++) {
                                s.block(c.coefficients, c.blockOffset(mx * c.h + h, my * c.v + v), i, tableOf[i]);
                            }
                        }
                    }
                }
            }
            s.finish();
            return;
        }
        for (int i = 0; i < comps.length; i++) {
            JpegFrame.Component c = comps[i];
            scanHeader(out, comps, tableOf, new int[] {i});
            Scan s = new Scan(out, dcFreq, acFreq, huff, 1);
            int units = 0;
            for (int by = 0; by < c.scanBlocksH; by++) {
                for (int bx = 0; bx < c.scanBlocksW; bx++) {
                    s.restartIfDue(restartInterval, units++);
                    s.block(c.coefficients, c.blockOffset(bx, by), 0, tableOf[i]);
                }
            }
            s.finish();
        }
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static void scanHeader(ByteArrayOutputStream out, JpegFrame.Component[] comps, int[] tableOf,
            int[] which) {
        if (out == null) {
            return;
        }
        byte[] sos = new byte[4 + 2 * which.length];
        sos[0] = (byte) which.length;
        for (int j = 0; j < which.length; j++) {
            int i = which[j];
            sos[1 + 2 * j] = (byte) comps[i].id;
            sos[2 + 2 * j] = (byte) ((tableOf[i] << 4) | tableOf[i]);
        }
        sos[1 + 2 * which.length] = 0;
        sos[2 + 2 * which.length] = 63;
        sos[3 + 2 * which.length] = 0;
        segment(out, 0xDA, sos);
    }

    /** The state of one scan being counted or written. */
    private static final class Scan {
        private final long[][] dcFreq;
        private final long[][] acFreq;
        private final JpegHuffman[][] huff;
        private final JpegHuffman.BitWriter bits;
        private final ByteArrayOutputStream out;
        private final int[] pred;
        private int nextRestart;

        Scan(ByteArrayOutputStream out, long[][] dcFreq, long[][] acFreq, JpegHuffman[][] huff, int n) {
            this.out = out;
            this.dcFreq = dcFreq;
            this.acFreq = acFreq;
            this.huff = huff;
            this.bits = out == null ? null : new JpegHuffman.BitWriter(out);
            this.pred = new int[n];
        }

        void restartIfDue(int interval, int unit) {
            if (interval > 0 && unit > 0 && unit % interval == 0) {
                java.util.Arrays.fill(pred, 0);
                if (out != null) {
                    bits.flush();
                    out.write(0xFF);
                    out.write(0xD0 + nextRestart);
                    nextRestart = (nextRestart + 1) & 7;
                }
            }
        }

        void block(short[] coef, int off, int i, int table) {
            int dcValue = coef[off];
            int diff = dcValue - pred[i];
            pred[i] = dcValue;
            int size = magnitude(diff);
            emit(true, table, size, diff, size);
            int run = 0;
            for (int k = 1; k < 64; k++) {
                int v = coef[off + JpegQuality.ZIGZAG[k]];
                if (v == 0) {
                    run++;
                    continue;
                }
                while (run > 15) {
                    emit(false, table, 0xF0, 0, 0);
                    run -= 16;
                }
                int s = magnitude(v);
                emit(false, table, (run << 4) | s, v, s);
                run = 0;
            }
            if (run > 0) {
                emit(false, table, 0x00, 0, 0);
            }
        }

        private void emit(boolean isDc, int table, int symbol, int value, int size) {
            if (out == null) {
                (isDc ? dcFreq : acFreq)[table][symbol]++;
                return;
            }
            JpegHuffman h = huff[isDc ? 0 : 1][table];
            if (h.size[symbol] == 0) {
                throw new IllegalStateException("no Huffman code for symbol " + symbol);
            }
            bits.put(h.code[symbol], h.size[symbol]);
            if (size > 0) {
                bits.put(value < 0 ? value - 1 : value, size);
            }
        }

        void finish() {
            if (out != null) {
                bits.flush();
            }
        }
    }

    /** The number of bits of |v| (T.81 table F.1/F.2 category); baseline 8-bit data needs at most 11. */
    static int magnitude(int v) {
        int n = 32 - Integer.numberOfLeadingZeros(Math.abs(v));
        if (n > 11) {
            throw new IllegalStateException("coefficient " + v + " is out of range for 8-bit baseline");
        }
        return n;
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        if (out == null) {
            return;
        }
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write(payload.length + 2);
        out.writeBytes(payload);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
