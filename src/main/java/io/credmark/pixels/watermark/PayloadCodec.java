package io.credmark.pixels.watermark;

import java.util.zip.CRC32;

/**
 * The payload: a 48-bit id and a keyed CRC-32 (CRC-32 over a 16-byte secret salt followed by the id), 80
 * information bits, XORed with a keyed scrambling mask, then convolutionally encoded (K = 7, rate 1/3, zero tail)
 * into 258 coded bits.
 */
final class PayloadCodec {

    static final int ID_BITS = 48;
    static final int CRC_BITS = 32;
    static final int INFO_BITS = ID_BITS + CRC_BITS;
    static final int CODED_BITS = ConvolutionalCode.codedLength(INFO_BITS);
    static final long ID_MASK = (1L << ID_BITS) - 1;

    private final byte[] salt;
    private final byte[] scramble;

    PayloadCodec(WatermarkKey key) {
        salt = key.stream("crc-salt").nextBytes(16);
        KeyStream s = key.stream("scramble");
        scramble = new byte[INFO_BITS];
        for (int i = 0; i < INFO_BITS; i++) {
            scramble[i] = (byte) (s.nextBit() ? 1 : 0);
        }
    }

    long check(long id) {
        CRC32 crc = new CRC32();
        crc.update(salt);
        for (int i = ID_BITS / 8 - 1; i >= 0; i--) {
            crc.update((int) (id >>> (8 * i)) & 0xFF);
        }
        return crc.getValue();
    }

    /** Scrambled information bits: id (most significant bit first), then the check. */
    byte[] infoBits(long id) {
        if ((id & ~ID_MASK) != 0) {
            throw new IllegalArgumentException("payload id must fit in " + ID_BITS + " bits");
        }
        byte[] info = new byte[INFO_BITS];
        long crc = check(id);
        for (int i = 0; i < ID_BITS; i++) {
            info[i] = (byte) ((id >>> (ID_BITS - 1 - i)) & 1);
        }
        for (int i = 0; i < CRC_BITS; i++) {
            info[ID_BITS + i] = (byte) ((crc >>> (CRC_BITS - 1 - i)) & 1);
        }
        for (int i = 0; i < INFO_BITS; i++) {
            info[i] ^= scramble[i];
        }
        return info;
    }

    byte[] encode(long id) {
        return ConvolutionalCode.encode(infoBits(id));
    }

    /** Result of decoding soft values: the id when the check matches, and the re-encoded codeword. */
    record Decoded(boolean valid, long id, byte[] codeword, int correctedErrors) {
    }

    Decoded decode(double[] soft) {
        byte[] info = ConvolutionalCode.decode(soft, INFO_BITS);
        byte[] codeword = ConvolutionalCode.encode(info);
        int errors = 0;
        for (int i = 0; i < soft.length; i++) {
            if ((soft[i] > 0 ? 1 : 0) != codeword[i]) {
                errors++;
            }
        }
        long id = 0;
        long crc = 0;
        for (int i = 0; i < ID_BITS; i++) {
            id = (id << 1) | (info[i] ^ scramble[i]);
        }
        for (int i = ID_BITS; i < INFO_BITS; i++) {
            crc = (crc << 1) | (info[i] ^ scramble[i]);
        }
        return new Decoded(crc == check(id), id, codeword, errors);
    }
}
