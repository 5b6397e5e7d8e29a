package io.credmark.container.png;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.credmark.InvalidInputException;
import io.credmark.container.ParsedImage;

/**
 * Any bytes after the PNG signature either read as a chunk sequence (and a container with its stores, header and
 * problems) or fail with {@link InvalidInputException}; nothing else escapes (docs/fuzzing.md).
 */
class PngChunkReaderFuzzTest {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final PngHandler HANDLER = new PngHandler();

    @FuzzTest
    void read(byte[] data) {
        byte[] file = withSignature(data);
        try {
            PngChunkReader.read(file);
        } catch (InvalidInputException expected) {
            return;
        }
        try {
            ParsedImage image = HANDLER.read(file);
            image.stores().forEach(s -> s.start());
        } catch (InvalidInputException expected) {
            // a chunk sequence that is not an acceptable image (no IDAT, two IHDR, a bad caBX…)
        }
    }

    /** The signature is not what is being tested: give every input one, so no run is spent finding it. */
    static byte[] withSignature(byte[] data) {
        byte[] file = new byte[SIGNATURE.length + data.length];
        System.arraycopy(SIGNATURE, 0, file, 0, SIGNATURE.length);
        System.arraycopy(data, 0, file, SIGNATURE.length, data.length);
        return file;
    }
}
