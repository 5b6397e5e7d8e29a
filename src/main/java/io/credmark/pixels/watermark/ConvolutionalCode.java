package io.credmark.pixels.watermark;

/**
 * Rate-1/3 convolutional code with constraint length 7 (generators 133, 171, 165 octal, as in LTE), terminated
 * with six zero tail bits, and its soft-decision Viterbi decoder.
 */
final class ConvolutionalCode {

    static final int K = 7;
    static final int RATE = 3;
    private static final int[] GENERATORS = {0133, 0171, 0165};
    private static final int STATES = 1 << (K - 1);
    /** OUTPUT[reg] = the three output bits of the 7-bit register, packed, bit i for generator i. */
    private static final int[] OUTPUT = new int[1 << K];

    static {
        for (int reg = 0; reg < OUTPUT.length; reg++) {
            int o = 0;
            for (int g = 0; g < RATE; g++) {
                o |= (Integer.bitCount(reg & GENERATORS[g]) & 1) << g;
            }
            OUTPUT[reg] = o;
        }
    }

    private ConvolutionalCode() {
    }

    static int codedLength(int infoBits) {
        return (infoBits + K - 1) * RATE;
    }

    /** Encodes bits (0/1) followed by the zero tail. */
    static byte[] encode(byte[] info) {
        int steps = info.length + K - 1;
        byte[] out = new byte[steps * RATE];
        int state = 0;
        for (int t = 0; t < steps; t++) {
            int bit = t < info.length ? info[t] : 0;
            int reg = (bit << (K - 1)) | state;
            int o = OUTPUT[reg];
            for (int g = 0; g < RATE; g++) {
                out[t * RATE + g] = (byte) ((o >> g) & 1);
            }
            state = reg >> 1;
        }
        return out;
    }

    /**
     * Maximum-likelihood decoding of soft values: {@code soft[i] > 0} favours coded bit 1, and its magnitude is
     * the confidence. Returns the information bits.
     */
    static byte[] decode(double[] soft, int infoBits) {
        int steps = infoBits + K - 1;
        if (soft.length != steps * RATE) {
            throw new IllegalArgumentException("expected " + steps * RATE + " soft values");
        }
        double[] metric = new double[STATES];
        double[] next = new double[STATES];
        java.util.Arrays.fill(metric, Double.NEGATIVE_INFINITY);
        metric[0] = 0;
        // survivor: for each step and new state, the input bit is the register's top bit; store the previous state
        byte[][] from = new byte[steps][STATES];
        double[] branch = new double[1 << RATE];
        for (int t = 0; t < steps; t++) {
            for (int o = 0; o < branch.length; o++) {
                double b = 0;
                for (int g = 0; g < RATE; g++) {
                    double s = soft[t * RATE + g];
                    b += ((o >> g) & 1) == 1 ? s : -s;
                }
                branch[o] = b;
            }
            java.util.Arrays.fill(next, Double.NEGATIVE_INFINITY);
            boolean tail = t >= infoBits;
            for (int state = 0; state < STATES; state++) {
                double m = metric[state];
                if (m == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                for (int bit = 0; bit <= (tail ? 0 : 1); bit++) {
                    int reg = (bit << (K - 1)) | state;
                    int ns = reg >> 1;
                    double cand = m + branch[OUTPUT[reg]];
                    if (cand > next[ns]) {
                        next[ns] = cand;
                        from[t][ns] = (byte) state;
                    }
                }
            }
            double[] tmp = metric;
            metric = next;
            next = tmp;
        }
        byte[] info = new byte[infoBits];
        int state = 0;
        for (int t = steps - 1; t >= 0; t--) {
            int prev = from[t][state] & 0xFF;
            if (t < infoBits) {
                info[t] = (byte) ((state >> (K - 2)) & 1);
            }
            state = prev;
        }
        return info;
    }
}
