package io.credmark.pixels;

import io.credmark.InvalidInputException;
import io.credmark.bytes.BigEndian;

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
        while (pos < file.length) {
            if ((file[pos] & 0xFF) != 0xFF) {
                throw PixelCodec.malformed("JPEG: expected a marker at byte " + pos);
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
                throw PixelCodec.malformed("JPEG: truncated segment");
            }
            int len = BigEndian.u16(file, pos);
            if (len < 2 || file.length - pos < len) {
                throw PixelCodec.malformed("JPEG: segment length out of range");
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
            throw PixelCodec.malformed("JPEG without a frame header");
        }
        return frame;
    }

    private void frame(int p, int end) {
        if (frame != null) {
            throw PixelCodec.malformed("JPEG with more than one frame");
        }
        int precision = file[p] & 0xFF;
        int height = BigEndian.u16(file, p + 1);
        int width = BigEndian.u16(file, p + 3);
        int n = file[p + 5] & 0xFF;
        if (precision != 8 || n < 1 || n > 4 || end - p < 6 + 3 * n || width == 0 || height == 0) {
            throw PixelCodec.malformed("JPEG frame header is not an 8-bit frame this reader handles");
        }
        int[][] spec = new int[n][];
        for (int i = 0; i < n; i++) {
            int q = p + 6 + 3 * i;
            int hv = file[q + 1] & 0xFF;
            spec[i] = new int[] {file[q] & 0xFF, hv >> 4, hv & 15, file[q + 2] & 0xFF};
            if (spec[i][1] < 1 || spec[i][1] > 4 || spec[i][2] < 1 || spec[i][2] > 4) {
                throw PixelCodec.malformed("JPEG frame header has invalid sampling factors");
            }
        }
        frame = new JpegFrame(width, height, spec);
    }

    /** Decodes one scan; returns where its entropy-coded data starts. */
    private int scan(int p, int end) {
        if (frame == null) {
            throw PixelCodec.malformed("JPEG scan before the frame header");
        }
        int n = file[p] & 0xFF;
        if (n < 1 || n > 4 || end - p < 1 + 2 * n + 3) {
            throw PixelCodec.malformed("JPEG scan header is malformed");
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
                throw PixelCodec.malformed("JPEG scan refers to an unknown component " + id);
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
            throw PixelCodec.malformed("JPEG scan has an invalid spectral selection");
        }
        boolean progressiveDc = ss == 0 && se == 0;
        boolean sequential = ss == 0 && se == 63 && ah == 0 && al == 0;
        for (int i = 0; i < n; i++) {
            if ((sequential || progressiveDc && ah == 0) && (dcTable[i] > 3 || dc[dcTable[i]] == null)) {
                throw PixelCodec.malformed("JPEG scan uses an undefined DC Huffman table");
            }
            if ((sequential || ss > 0) && (acTable[i] > 3 || ac[acTable[i]] == null)) {
                throw PixelCodec.malformed("JPEG scan uses an undefined AC Huffman table");
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

    private void block(JpegHuffman.BitReader in, JpegFrame.Component c, int off, int dcT, int acT, int[] pred, int i,
            int ss, int se, int ah, int al, boolean sequential) {
        short[] coef = c.coefficients;
        if (sequential) {
            int s = dc[dcT].decode(in);
            if (s > 11) {
                throw PixelCodec.malformed("JPEG DC difference out of range");
            }
            pred[i] += in.receiveExtend(s);
            coef[off] = (short) pred[i];
            JpegHuffman table = ac[acT];
            for (int k = 1; k < 64; k++) {
                int rs = table.decode(in);
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
                    throw PixelCodec.malformed("JPEG block overruns 64 coefficients");
                }
                coef[off + JpegQuality.ZIGZAG[k]] = (short) in.receiveExtend(sz);
            }
            return;
        }
        if (ss == 0) { // progressive DC
            if (ah == 0) {
                int s = dc[dcT].decode(in);
                if (s > 11) {
                    throw PixelCodec.malformed("JPEG DC difference out of range");
                }
                pred[i] += in.receiveExtend(s);
                coef[off] = (short) (pred[i] << al);
            } else if (in.get(1) != 0) {
                coef[off] |= (short) (1 << al);
            }
            return;
        }
        JpegHuffman table = ac[acT];
        if (ah == 0) { // AC first
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
                        throw PixelCodec.malformed("JPEG block overruns 64 coefficients");
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
            return;
        }
        // AC refinement
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
