package io.credmark.pixels.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {

    private final PayloadCodec codec = new PayloadCodec(WatermarkerTest.KEY);

    private static double[] soft(byte[] codeword, Random random, double noise, int flips) {
        double[] s = new double[codeword.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (codeword[i] == 1 ? 1 : -1) + noise * random.nextGaussian();
        }
        for (int f = 0; f < flips; f++) {
            int i = random.nextInt(s.length);
            s[i] = -s[i];
        }
        return s;
    }

    @Test
    void cleanCodewordDecodes() {
        long id = 0xABCD_EF01_2345L;
        PayloadCodec.Decoded d = codec.decode(soft(codec.encode(id), new Random(1), 0, 0));
        assertTrue(d.valid());
        assertEquals(id, d.id());
        assertEquals(0, d.correctedErrors());
        assertEquals(PayloadCodec.CODED_BITS, codec.encode(id).length);
        assertEquals(258, PayloadCodec.CODED_BITS);
    }

    @Test
    void correctsInjectedBitErrors() {
        Random random = new Random(7);
        int hard = 0;
        int noisy = 0;
        for (int trial = 0; trial < 200; trial++) {
            long id = random.nextLong() & PayloadCodec.ID_MASK;
            // 20 confident flips: about 8 % of the coded bits wrong
            PayloadCodec.Decoded d = codec.decode(soft(codec.encode(id), random, 0, 20));
            if (d.valid() && d.id() == id) {
                hard++;
                assertTrue(d.correctedErrors() > 0);
            }
            // Gaussian noise with sigma 0.8: about 11 % of the hard decisions wrong
            PayloadCodec.Decoded n = codec.decode(soft(codec.encode(id), random, 0.8, 0));
            if (n.valid() && n.id() == id) {
                noisy++;
            }
        }
        assertTrue(hard >= 196, "decoded " + hard + " of 200 with 20 flips");
        assertTrue(noisy >= 190, "decoded " + noisy + " of 200 at 11 % raw errors");
    }

    @Test
    void checkRejectsCorruptedPayloads() {
        long id = 0x0123_4567_89ABL;
        byte[] info = codec.infoBits(id);
        // a valid codeword of an information block whose id bit was changed: the CRC no longer matches
        for (int bit : new int[] {0, 17, 47, 50, 79}) {
            byte[] corrupted = info.clone();
            corrupted[bit] ^= 1;
            byte[] codeword = ConvolutionalCode.encode(corrupted);
            PayloadCodec.Decoded d = codec.decode(soft(codeword, new Random(bit), 0, 0));
            assertFalse(d.valid(), "bit " + bit);
        }
    }

    @Test
    void randomSoftValuesAlmostNeverPass() {
        Random random = new Random(3);
        for (int trial = 0; trial < 2000; trial++) {
            double[] s = new double[PayloadCodec.CODED_BITS];
            for (int i = 0; i < s.length; i++) {
                s[i] = random.nextGaussian();
            }
            assertFalse(codec.decode(s).valid());
        }
        assertFalse(codec.decode(new double[PayloadCodec.CODED_BITS]).valid(), "all-zero soft values");
    }

    @Test
    void keyChangesEverything() {
        PayloadCodec other = new PayloadCodec(WatermarkKey.fromHex(
                "0000000000000000000000000000000000000000000000000000000000000001"));
        long id = 77;
        assertNotEquals(java.util.Arrays.toString(codec.encode(id)), java.util.Arrays.toString(other.encode(id)));
        assertFalse(other.decode(soft(codec.encode(id), new Random(1), 0, 0)).valid());
    }

    @Test
    void idMustFit48Bits() {
        assertThrows(IllegalArgumentException.class, () -> codec.encode(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(-1));
    }
}
