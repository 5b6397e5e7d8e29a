package io.credmark.pixels.jpeg;

/**
 * Huffman tables of JPEG (ITU T.81 §C, §F.2.2.3, Annex K.2): decoding from DHT counts and symbols, encoding code
 * tables, and optimal tables from symbol frequencies (libjpeg's jpeg_gen_optimal_table).
 */
final class JpegHuffman {

    private static final int LOOKAHEAD = 9;

    final int[] counts; // counts[1..16]
    final int[] symbols;
    // decoding
    private final int[] maxCode = new int[18];
    private final int[] valPtr = new int[17];
    private final int[] minCode = new int[17];
    private final short[] lookup = new short[1 << LOOKAHEAD]; // (length << 8) | symbol, 0 = not in table
    // encoding
    final int[] code = new int[256];
    final int[] size = new int[256];

    JpegHuffman(int[] counts, int[] symbols) {
        this.counts = counts;
        this.symbols = symbols;
        int c = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            valPtr[len] = k;
            minCode[len] = c;
            // T.81 §C: the codes of one length are consecutive values of that many bits; a table whose counts
            // need more is not a Huffman code
            if (c + counts[len] > 1 << len) {
                throw JpegErrors.malformed("JPEG Huffman table has more codes of length " + len + " than fit");
            }
            for (int i = 0; i < counts[len]; i++, k++, c++) {
                int sym = symbols[k] & 0xFF;
                code[sym] = c;
                size[sym] = len;
                if (len <= LOOKAHEAD) {
                    int shift = LOOKAHEAD - len;
                    for (int j = 0; j < 1 << shift; j++) {
                        lookup[(c << shift) | j] = (short) ((len << 8) | sym);
                    }
                }
            }
            maxCode[len] = counts[len] == 0 ? -1 : c - 1;
            c <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
    }

    /** Parses one table of a DHT segment at {@code p}; returns {class, id, bytes used} and stores the table. */
    static int parse(byte[] b, int p, int end, JpegHuffman[] dc, JpegHuffman[] ac) {
        if (end - p < 17) {
            throw JpegErrors.malformed("JPEG Huffman table segment is truncated");
        }
        int tc = (b[p] & 0xFF) >> 4;
        int th = b[p] & 15;
        int[] counts = new int[17];
        int total = 0;
        for (int i = 1; i <= 16; i++) {
            counts[i] = b[p + i] & 0xFF;
            total += counts[i];
        }
        if (tc > 1 || th > 3 || total > 256 || end - p - 17 < total) {
            throw JpegErrors.malformed("JPEG Huffman table segment is malformed");
        }
        int[] symbols = new int[total];
        for (int i = 0; i < total; i++) {
            symbols[i] = b[p + 17 + i] & 0xFF;
        }
        JpegHuffman t = new JpegHuffman(counts, symbols);
        if (tc == 0) {
            dc[th] = t;
        } else {
            ac[th] = t;
        }
        return 17 + total;
    }

    int decode(BitReader in) {
        int peek = in.peek(LOOKAHEAD);
        int e = lookup[peek];
        if (e != 0) {
            in.skip(e >> 8);
            return e & 0xFF;
        }
        int c = in.get(LOOKAHEAD);
        int len = LOOKAHEAD;
        while (c > maxCode[len]) {
            c = (c << 1) | in.get(1);
            len++;
            if (len > 16) {
                throw JpegErrors.malformed("JPEG entropy-coded data holds an invalid Huffman code");
            }
        }
        return symbols[valPtr[len] + c - minCode[len]];
    }

    /** The DHT payload of this table: class/id byte, 16 counts, symbols. */
    byte[] dhtPayload(int tableClass, int id) {
        byte[] out = new byte[17 + symbols.length];
        out[0] = (byte) ((tableClass << 4) | id);
        for (int i = 1; i <= 16; i++) {
            out[i] = (byte) counts[i];
        }
        for (int i = 0; i < symbols.length; i++) {
            out[17 + i] = (byte) symbols[i];
        }
        return out;
    }

    /** An optimal table for these symbol frequencies (T.81 Annex K.2, code lengths limited to 16). */
    static JpegHuffman optimal(long[] frequencies) {
        long[] freq = new long[257];
        System.arraycopy(frequencies, 0, freq, 0, 256);
        freq[256] = 1; // reserves the all-ones code point
        int[] codeSize = new int[257];
        int[] others = new int[257];
        java.util.Arrays.fill(others, -1);
        while (true) {
            int c1 = -1;
            long v = Long.MAX_VALUE;
            for (int i = 0; i <= 256; i++) {
                if (freq[i] != 0 && freq[i] <= v) {
                    v = freq[i];
                    c1 = i;
                }
            }
            int c2 = -1;
            v = Long.MAX_VALUE;
            for (int i = 0; i <= 256; i++) {
                if (freq[i] != 0 && freq[i] <= v && i != c1) {
                    v = freq[i];
                    c2 = i;
                }
            }
            if (c2 < 0) {
                break;
            }
            freq[c1] += freq[c2];
            freq[c2] = 0;
            codeSize[c1]++;
            while (others[c1] >= 0) {
                c1 = others[c1];
                codeSize[c1]++;
            }
            others[c1] = c2;
            codeSize[c2]++;
            while (others[c2] >= 0) {
                c2 = others[c2];
                codeSize[c2]++;
            }
        }
        int[] bits = new int[33];
        for (int i = 0; i <= 256; i++) {
            if (codeSize[i] > 0) {
                if (codeSize[i] > 32) {
                    throw new IllegalStateException("Huffman code length overflow");
                }
                bits[codeSize[i]]++;
            }
        }
        for (int i = 32; i > 16; i--) {
            while (bits[i] > 0) {
                int j = i - 2;
                while (bits[j] == 0) {
                    j--;
                }
                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }
        int i = 16;
        while (bits[i] == 0) {
            i--;
        }
        bits[i]--; // the reserved code point
        int[] counts = new int[17];
        System.arraycopy(bits, 0, counts, 0, 17);
        int n = 0;
        for (int k = 1; k <= 16; k++) {
            n += counts[k];
        }
        int[] symbols = new int[n];
        int p = 0;
        for (int len = 1; len <= 32; len++) {
            for (int s = 0; s < 256; s++) {
                if (codeSize[s] == len) {
                    symbols[p++] = s;
                }
            }
        }
        return new JpegHuffman(counts, symbols);
    }

    /** Reads entropy-coded bits (T.81 §F.2.2.5): stuffed FF 00 is FF; a marker ends the data (zeros follow). */
    static final class BitReader {
        private final byte[] data;
        private int pos;
        private long acc;
        private int bits;
        private boolean atMarker;

        BitReader(byte[] data, int pos) {
            this.data = data;
            this.pos = pos;
        }

        private void fill() {
            while (bits <= 56) {
                int b = 0;
                if (!atMarker && pos < data.length) {
                    b = data[pos] & 0xFF;
                    if (b == 0xFF) {
                        int next = pos + 1 < data.length ? data[pos + 1] & 0xFF : 0xD9;
                        if (next == 0) {
                            pos += 2;
                        } else {
                            atMarker = true;
                            b = 0;
                        }
                    } else {
                        pos++;
                    }
                }
                acc = (acc << 8) | b;
                bits += 8;
            }
        }

        int peek(int n) {
            if (bits < n) {
                fill();
            }
            return (int) ((acc >>> (bits - n)) & ((1L << n) - 1));
        }

        void skip(int n) {
            if (bits < n) {
                fill();
            }
            bits -= n;
        }

        int get(int n) {
            if (n == 0) {
                return 0;
            }
            int v = peek(n);
            bits -= n;
            return v;
        }

        /** Receives and extends an n-bit magnitude (T.81 §F.2.2.1). */
        int receiveExtend(int n) {
            if (n == 0) {
                return 0;
            }
            int v = get(n);
            return v < (1 << (n - 1)) ? v - (1 << n) + 1 : v;
        }

        /** Drops buffered bits and steps over the next restart marker (T.81 §F.2.2.5, E.2.4). */
        void restart() {
            acc = 0;
            bits = 0;
            atMarker = false;
            while (pos + 1 < data.length) {
                if ((data[pos] & 0xFF) == 0xFF) {
                    int m = data[pos + 1] & 0xFF;
                    if (m >= 0xD0 && m <= 0xD7) {
                        pos += 2;
                        return;
                    }
                    if (m != 0 && m != 0xFF) {
                        return; // a marker other than RSTn: the data is damaged; decode zeros from here
                    }
                }
                pos++;
            }
        }
    }

    /** Writes entropy-coded bits with FF stuffing; {@link #flush} pads with one-bits. */
    static final class BitWriter {
        private final java.io.ByteArrayOutputStream out;
        private long acc;
        private int bits;

        BitWriter(java.io.ByteArrayOutputStream out) {
            this.out = out;
        }

        void put(int value, int n) {
            if (n == 0) {
                return;
            }
            acc = (acc << n) | (value & ((1L << n) - 1));
            bits += n;
            while (bits >= 8) {
                int b = (int) ((acc >>> (bits - 8)) & 0xFF);
                out.write(b);
                if (b == 0xFF) {
                    out.write(0);
                }
                bits -= 8;
            }
        }

        void flush() {
            if (bits > 0) {
                put((1 << (8 - bits)) - 1, 8 - bits);
            }
            acc = 0;
        }
    }
}
