package io.credmark.c2pa.cose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CoseSign1WriterTest {

    @Test
    void everySizeFromTheSmallestUpIsHitExactlyAcrossTheByteStringHeaderSteps() {
        byte[] protectedHeader = new byte[300];
        byte[] signature = new byte[64];
        new Random(1).nextBytes(signature);
        int smallest = 300;
        while (!fits(protectedHeader, signature, smallest)) {
            smallest++;
        }
        // tag, array, bstr(300) = 3 + 300, empty map {"pad": h''} = 6, nil, bstr(64) = 2 + 64
        assertEquals(1 + 1 + 3 + 300 + 6 + 1 + 2 + 64, smallest);
        for (int size = smallest; size < 70_000; size += size < smallest + 600 ? 1 : 997) {
            byte[] cose = CoseSign1Writer.encode(protectedHeader, signature, size);
            assertEquals(size, cose.length);
            assertEquals(0xD2, cose[0] & 0xFF, "tag 18");
            assertArrayEquals(signature, java.util.Arrays.copyOfRange(cose, cose.length - 64, cose.length));
        }
    }

    private static boolean fits(byte[] protectedHeader, byte[] signature, int size) {
        try {
            CoseSign1Writer.encode(protectedHeader, signature, size);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Guide §3.1: {@code {"sigTst2": {"tstTokens": [{"val": token}]}, "pad": …}}, still at every size. */
    @Test
    void aTimeStampTokenGoesInTheUnprotectedHeaderAheadOfThePadAtEverySize() {
        byte[] protectedHeader = new io.credmark.c2pa.cbor.CborWriter().map(1).key(1).integer(-35).endMap()
                .toByteArray();
        byte[] signature = new byte[96];
        byte[] token = new byte[1800];
        new Random(2).nextBytes(token);
        int smallest = CoseSign1Writer.minimalSize(protectedHeader, signature.length) + token.length + 40;
        for (int size = smallest; size < smallest + 700; size++) {
            byte[] cose = CoseSign1Writer.encode(protectedHeader, token, signature, size);
            assertEquals(size, cose.length);
            CoseSign1 parsed = CoseSign1.parse(cose);
            assertArrayEquals(token, parsed.timeStampToken().orElseThrow());
            assertArrayEquals(signature, parsed.signature());
            assertEquals("sigTst2", parsed.unprotectedHeader().fieldNames().next());
        }
    }

    @Test
    void aSizeTooSmallForTheSignatureIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CoseSign1Writer.encode(new byte[10], new byte[64], 50));
    }
}
