package io.credmark.pixels.jpeg;

import io.credmark.InvalidInputException;
import io.credmark.bytes.BigEndian;
import io.credmark.container.jpeg.JpegSegmentReader;

/**
 * Reads the quantized DCT coefficients of a Huffman-coded JPEG, sequential or progressive (ITU T.81 Annex F and G;
 * the progressive procedures follow libjpeg's jdphuff.c), without dequantizing or transforming them.
 */
final class JpegCoefficientReader {

    private final byte[] file;
    private final JpegHuffman[] dc = new JpegHuffman[4];
    private final JpegHuffman[] ac = new JpegHuffman[4];
    private int restartInterval;
    private JpegFrame frame;
    private int eobRun;

    private JpegCoefficientReader(byte[] file) {
        this.file = file;
    }

    /** The frame with every coefficient of every scan decoded. */
    static JpegFrame read(byte[] file) {
        return new JpegCoefficientReader(file).run();
    }

    private JpegFrame run() {
        int pos = 2;
        int segments = 0;
        while (pos < file.length) {
            if ((file[pos] & 0xFF) != 0xFF) {
                throw JpegErrors.malformed("JPEG: expected a marker at byte " + pos);
            }
            while (pos < file.length && (file[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos >= file.length) {
                break;
            }
            int marker = file[pos++] & 0xFF;
            if (marker == 0xD9) {
                break;
            }
            if (marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                continue;
            }
            if (file.length - pos < 2) {
                throw JpegErrors.malformed("JPEG: truncated segment");
            }
            int len = BigEndian.u16(file, pos);
            if (len < 2 || file.length - pos < len) {
                throw JpegErrors.malformed("JPEG: segment length out of range");
            }
            if (++segments > JpegSegmentReader.MAX_SEGMENTS) {
                throw JpegSegmentReader.tooManySegments(pos - 1);
            }
            int p = pos + 2;
            int end = pos + len;
            switch (marker) {
                case 0xC0, 0xC1, 0xC2 -> frame(p, end);
                case 0xC4 -> {
                    while (p < end) {
                        p += JpegHuffman.parse(file, p, end, dc, ac);
                    }
                }
                case 0xDD -> restartInterval = BigEndian.u16(file, p);
                case 0xDA -> {
                    int dataStart = scan(p, end);
                    pos = endOfEntropyData(dataStart);
                    continue;
                }
                default -> {
                    if (marker >= 0xC3 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                        throw new InvalidInputException(InvalidInputException.Kind.UNSUPPORTED_FORMAT,
                                "JPEG coding SOF" + (marker - 0xC0) + " is not read at coefficient level");
                    }
                }
            }
            pos = end;
        }
        if (frame == null) {
            throw JpegErrors.malformed("JPEG without a frame header");
        }
        return frame;
    }

    private void frame(int p, int end) {
        if (frame != null) {
            throw JpegErrors.malformed("JPEG with more than one frame");
        }
        int precision = file[p] & 0xFF;
        int height = BigEndian.u16(file, p + 1);
        int width = BigEndian.u16(file, p + 3);
        int n = file[p + 5] & 0xFF;
        if (precision != 8 || n < 1 || n > 4 || end - p < 6 + 3 * n || width == 0 || height == 0) {
            throw JpegErrors.malformed("JPEG frame header is not an 8-bit frame this reader handles");
        }
        int[][] spec = new int[n][];
        for (int i = 0; i < n; i++) {
            int q = p + 6 + 3 * i;
            int hv = file[q + 1] & 0xFF;
            spec[i] = new int[] {file[q] & 0xFF, hv >> 4, hv & 15, file[q + 2] & 0xFF};
            if (spec[i][1] < 1 || spec[i][1] > 4 || spec[i][2] < 1 || spec[i][2] > 4) {
                throw JpegErrors.malformed("JPEG frame header has invalid sampling factors");
            }
        }
        frame = new JpegFrame(width, height, spec);
    }

    /** Decodes one scan; returns where its entropy-coded data starts. */
    private int scan(int p, int end) {
        if (frame == null) {
            throw JpegErrors.malformed("JPEG scan before the frame header");
        }
        int n = file[p] & 0xFF;
        if (n < 1 || n > 4 || end - p < 1 + 2 * n + 3) {
            throw JpegErrors.malformed("JPEG scan header is malformed");
        }
        JpegFrame.Component[] comps = new JpegFrame.Component[n];
        int[] dcTable = new int[n];
        int[] acTable = new int[n];
        for (int i = 0; i < n; i++) {
            int id = file[p + 1 + 2 * i] & 0xFF;
            int t = file[p + 2 + 2 * i] & 0xFF;
            for (JpegFrame.Component c : frame.components) {
                if (c.id == id) {
                    comps[i] = c;
                }
            }
            if (comps[i] == null) {
                throw JpegErrors.malformed("JPEG scan refers to an unknown component " + id);
            }
            dcTable[i] = t >> 4;
            acTable[i] = t & 15;
        }
        int q = p + 1 + 2 * n;
        int ss = file[q] & 0xFF;
        int se = file[q + 1] & 0xFF;
        int ah = (file[q + 2] & 0xFF) >> 4;
        int al = file[q + 2] & 15;
        if (ss > 63 || se > 63 || ss > se || (ss == 0 && se != 0 && n > 1 && se != 63)) {
            throw JpegErrors.malformed("JPEG scan has an invalid spectral selection");
        }
        boolean progressiveDc = ss == 0 && se == 0;
        boolean sequential = ss == 0 && se == 63 && ah == 0 && al == 0;
        for (int i = 0; i < n; i++) {
            if ((sequential || progressiveDc && ah == 0) && (dcTable[i] > 3 || dc[dcTable[i]] == null)) {
                throw JpegErrors.malformed("JPEG scan uses an undefined DC Huffman table");
            }
            if ((sequential || ss > 0) && (acTable[i] > 3 || ac[acTable[i]] == null)) {
                throw JpegErrors.malformed("JPEG scan uses an undefined AC Huffman table");
            }
        }
        JpegHuffman.BitReader in = new JpegHuffman.BitReader(file, end);
        int[] pred = new int[n];
        eobRun = 0;
        int restartsLeft = restartInterval;
        if (n == 1) {
            JpegFrame.Component c = comps[0];
            for (int by = 0; by < c.scanBlocksH; by++) {
                for (int bx = 0; bx < c.scanBlocksW; bx++) {
                    if (restartInterval > 0 && restartsLeft-- == 0) {
                        in.restart();
                        pred[0] = 0;
                        eobRun = 0;
                        restartsLeft = restartInterval - 1;
                    }
                    block(in, c, c.blockOffset(bx, by), dcTable[0], acTable[0], pred, 0, ss, se, ah, al, sequential);
                }
            }
        } else {
            for (int my = 0; my < frame.mcusY; my++) {
                for (int mx = 0; mx < frame.mcusX; mx++) {
                    if (restartInterval > 0 && restartsLeft-- == 0) {
                        in.restart();
                        java.util.Arrays.fill(pred, 0);
                        eobRun = 0;
                        restartsLeft = restartInterval - 1;
                    }
                    for (int i = 0; i < n; i++) {
                        JpegFrame.Component c = comps[i];
                        for (int v = 0; v < c.v; v++) {
                            for (int h = 0; h < c.h; h++) {
                                int off = c.blockOffset(mx * c.h + h, my * c.v + v);
                                block(in, c, off, dcTable[i], acTable[i], pred, i, ss, se, ah, al, sequential);
                            }
                        }
                    }
                }
            }
        }
        return end;
    }

    /** One block of a scan, by the kind of scan (T.81 §F.2.2 sequential, §G.1.2 progressive). */
    private void block(JpegHuffman.BitReader in, JpegFrame.Component c, int off, int dcT, int acT, int[] pred, int i,
            int ss, int se, int ah, int al, boolean sequential) {
        short[] coef = c.coefficients;
        if (sequential) {
            sequentialBlock(in, coef, off, dc[dcT], ac[acT], pred, i);
        } else if (ss == 0) {
            // a DC refinement scan reads one bit per block and no table: its selector is not checked (§G.1.2.1)
            progressiveDc(in, coef, off, ah == 0 ? dc[dcT] : null, pred, i, ah, al);
        } else if (ah == 0) {
            acFirst(in, coef, off, ac[acT], ss, se, al);
        } else {
            acRefinement(in, coef, off, ac[acT], ss, se, al);
        }
    }

    /** A whole block of a sequential scan: DC difference, then run-length coded AC coefficients (§F.2.2). */
    private static void sequentialBlock(JpegHuffman.BitReader in, short[] coef, int off, JpegHuffman dcTable,
            JpegHuffman acTable, int[] pred, int i) {
        pred[i] += dcDifference(in, dcTable);
        coef[off] = (short) pred[i];
        for (int k = 1; k < 64; k++) {
            int rs = acTable.decode(in);
            int r = rs >> 4;
            int sz = rs & 15;
            if (sz == 0) {
                if (r != 15) {
                    break;
                }
                k += 15;
                continue;
            }
            k += r;
            if (k > 63) {
                throw JpegErrors.malformed("JPEG block overruns 64 coefficients");
            }
            coef[off + JpegQuality.ZIGZAG[k]] = (short) in.receiveExtend(sz);
        }
    }

    private static int dcDifference(JpegHuffman.BitReader in, JpegHuffman dcTable) {
        int s = dcTable.decode(in);
        if (s > 11) {
            throw JpegErrors.malformed("JPEG DC difference out of range");
        }
        return in.receiveExtend(s);
    }

    /** The DC coefficient of a progressive scan: first scan (ah 0) or one refinement bit (§G.1.2.1). */
    private static void progressiveDc(JpegHuffman.BitReader in, short[] coef, int off, JpegHuffman dcTable,
            int[] pred, int i, int ah, int al) {
        if (ah == 0) {
            pred[i] += dcDifference(in, dcTable);
            coef[off] = (short) (pred[i] << al);
        } else if (in.get(1) != 0) {
            coef[off] |= (short) (1 << al);
        }
    }

    /** The first scan of a band of AC coefficients, with end-of-band runs across blocks (§G.1.2.2). */
    private void acFirst(JpegHuffman.BitReader in, short[] coef, int off, JpegHuffman table, int ss, int se,
            int al) {
        if (eobRun > 0) {
            eobRun--;
            return;
        }
        for (int k = ss; k <= se; k++) {
            int rs = table.decode(in);
            int r = rs >> 4;
            int s = rs & 15;
            if (s != 0) {
                k += r;
                if (k > 63) {
                    throw JpegErrors.malformed("JPEG block overruns 64 coefficients");
                }
                coef[off + JpegQuality.ZIGZAG[k]] = (short) (in.receiveExtend(s) * (1 << al));
            } else if (r == 15) {
                k += 15;
            } else {
                eobRun = 1 << r;
                if (r != 0) {
                    eobRun += in.get(r);
                }
                eobRun--;
                break;
            }
        }
    }

    /** A refinement scan of a band of AC coefficients: one more bit of each non-zero one, new ±1 values (§G.1.2.3). */
    private void acRefinement(JpegHuffman.BitReader in, short[] coef, int off, JpegHuffman table, int ss, int se,
            int al) {
        int p1 = 1 << al;
        int m1 = -1 << al;
        int k = ss;
        if (eobRun == 0) {
            for (; k <= se; k++) {
                int rs = table.decode(in);
                int r = rs >> 4;
                int s = rs & 15;
                if (s != 0) {
                    s = in.get(1) != 0 ? p1 : m1;
                } else if (r != 15) {
                    eobRun = 1 << r;
                    if (r != 0) {
                        eobRun += in.get(r);
                    }
                    break;
                }
                while (k <= se) {
                    int z = off + JpegQuality.ZIGZAG[k];
                    if (coef[z] != 0) {
                        if (in.get(1) != 0 && (coef[z] & p1) == 0) {
                            coef[z] += (short) (coef[z] >= 0 ? p1 : m1);
                        }
                    } else {
                        if (--r < 0) {
                            break;
                        }
                    }
                    k++;
                }
                if (s != 0 && k <= 63) {
                    coef[off + JpegQuality.ZIGZAG[k]] = (short) s;
                }
            }
        }
        if (eobRun > 0) {
            for (; k <= se; k++) {
                int z = off + JpegQuality.ZIGZAG[k];
                if (coef[z] != 0 && in.get(1) != 0 && (coef[z] & p1) == 0) {
                    coef[z] += (short) (coef[z] >= 0 ? p1 : m1);
                }
            }
            eobRun--;
        }
    }

    /** The offset of the first marker after entropy-coded data that is not a restart marker. */
    private int endOfEntropyData(int from) {
        int i = from;
        while (i < file.length - 1) {
            if ((file[i] & 0xFF) == 0xFF) {
                int m = file[i + 1] & 0xFF;
                if (m == 0 || (m >= 0xD0 && m <= 0xD7) || m == 0xFF) {
                    i += m == 0xFF ? 1 : 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return file.length;
    }
}
