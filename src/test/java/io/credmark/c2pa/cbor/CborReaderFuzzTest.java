package io.credmark.c2pa.cbor;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.credmark.c2pa.CborException;

/**
 * Any bytes either read as one CBOR item within the nesting and size limits or fail with {@link CborException};
 * nothing else escapes (docs/fuzzing.md).
 */
class CborReaderFuzzTest {

    @FuzzTest
    void read(byte[] data) {
        try {
            CborReader.read(data).size();
        } catch (CborException expected) {
            // malformed or over a limit: the one way CborReader refuses input
        }
    }
}
