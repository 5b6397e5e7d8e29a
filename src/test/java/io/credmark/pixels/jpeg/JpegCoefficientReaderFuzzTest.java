package io.credmark.pixels.jpeg;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.credmark.InvalidInputException;
import io.credmark.container.ParsedImage;
import io.credmark.container.jpeg.JpegHandler;

/**
 * The hand-written JPEG entropy decoder on any segment sequence whose frame passes the pixel limit (as
 * {@link io.credmark.pixels.PixelCodec} checks it before decoding): it returns the frame's coefficients or fails with
 * {@link InvalidInputException}; nothing else escapes (docs/fuzzing.md).
 */
class JpegCoefficientReaderFuzzTest {

    /** Small enough that a run stays fast; the limit's own check is not what is fuzzed here. */
    private static final long MAX_PIXELS = 1 << 16;

    @FuzzTest
    void read(byte[] data) {
        byte[] file = new byte[data.length + 2];
        file[0] = (byte) 0xFF;
        file[1] = (byte) 0xD8;
        System.arraycopy(data, 0, file, 2, data.length);
        try {
            ParsedImage parsed = new JpegHandler().read(file);
            if (parsed.header().pixels() > MAX_PIXELS) {
                return;
            }
            JpegCoefficientReader.read(file);
        } catch (InvalidInputException expected) {
            // damaged or unsupported JPEG
        }
    }
}
