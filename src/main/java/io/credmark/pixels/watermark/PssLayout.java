package io.credmark.pixels.watermark;

/**
 * The keyed tile: {@value #T}×{@value #T} chips, each carrying ±1. {@value #PILOT_CHIPS} chips form the pilot
 * (known keyed signs, used to find the tile's offset); every other chip carries one coded payload bit times a
 * keyed sign, through a keyed interleaver, so each coded bit sits on three or four chips spread over the tile.
 */
final class PssLayout {

    static final int T = 32;
    static final int CHIPS = T * T;
    static final int PILOT_CHIPS = 205;

    /** For each chip (row-major, j·T + i): -1 for pilot, otherwise the coded bit index. */
    final int[] role;
    /** Keyed sign of each chip. */
    final float[] sign;

    PssLayout(WatermarkKey key) {
        KeyStream s = key.stream("layout");
        int[] order = new int[CHIPS];
        for (int i = 0; i < CHIPS; i++) {
            order[i] = i;
        }
        for (int i = CHIPS - 1; i > 0; i--) {
            int j = s.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        role = new int[CHIPS];
        for (int n = 0; n < CHIPS; n++) {
            role[order[n]] = n < PILOT_CHIPS ? -1 : (n - PILOT_CHIPS) % PayloadCodec.CODED_BITS;
        }
        KeyStream signs = key.stream("signs");
        sign = new float[CHIPS];
        for (int i = 0; i < CHIPS; i++) {
            sign[i] = signs.nextBit() ? 1 : -1;
        }
    }

    /** Chip values (±1) of the tile that carries {@code codeword}. */
    float[] tile(byte[] codeword) {
        float[] t = new float[CHIPS];
        for (int i = 0; i < CHIPS; i++) {
            t[i] = role[i] < 0 ? sign[i] : sign[i] * (codeword[role[i]] == 1 ? 1 : -1);
        }
        return t;
    }

    /** The pilot alone: pilot chips ±1, payload chips 0. */
    float[] pilot() {
        float[] t = new float[CHIPS];
        for (int i = 0; i < CHIPS; i++) {
            t[i] = role[i] < 0 ? sign[i] : 0;
        }
        return t;
    }

    /** Bilinear interpolation of a periodic chip array at chip coordinates (u, v); chip (i, j) peaks at (i, j). */
    static float sample(float[] chips, double u, double v) {
        double fu = Math.floor(u);
        double fv = Math.floor(v);
        float a = (float) (u - fu);
        float b = (float) (v - fv);
        int i0 = Math.floorMod((int) fu, T);
        int j0 = Math.floorMod((int) fv, T);
        int i1 = (i0 + 1) & (T - 1);
        int j1 = (j0 + 1) & (T - 1);
        float top = chips[j0 * T + i0] * (1 - a) + chips[j0 * T + i1] * a;
        float bottom = chips[j1 * T + i0] * (1 - a) + chips[j1 * T + i1] * a;
        return top * (1 - b) + bottom * b;
    }
}
