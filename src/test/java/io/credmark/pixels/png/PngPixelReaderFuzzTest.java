package io.credmark.pixels.png;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.credmark.InvalidInputException;
import io.credmark.pixels.Decoded;
import io.credmark.container.ParsedImage;
import io.credmark.container.png.PngChunkReader;
import io.credmark.container.png.PngHandler;

/**
 * The hand-written PNG decoder on any chunk sequence whose header passes the pixel limit (as {@link io.credmark.pixels.PixelCodec}
 * checks it before decoding): it returns an image of the declared size or fails with
 * {@link InvalidInputException}; nothing else escapes (docs/fuzzing.md).
 */
class PngPixelReaderFuzzTest {

    /** Small enough that a run stays fast; the limit's own check is not what is fuzzed here. */
    private static final long MAX_PIXELS = 1 << 16;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @FuzzTest
    void read(byte[] data) {
        byte[] file = new byte[SIGNATURE.length + data.length];
        System.arraycopy(SIGNATURE, 0, file, 0, SIGNATURE.length);
        System.arraycopy(data, 0, file, SIGNATURE.length, data.length);
        try {
            ParsedImage parsed = new PngHandler().read(file);
            if (parsed.header().pixels() > MAX_PIXELS) {
                return;
            }
            Decoded.Pixels r = PngPixelReader.read(file, PngChunkReader.read(file).chunks());
            if (r.image().getWidth() != parsed.header().width() || r.image().getHeight() != parsed.header().height()) {
                throw new IllegalStateException("decoded " + r.image().getWidth() + "x" + r.image().getHeight()
                        + " from a header of " + parsed.header().width() + "x" + parsed.header().height());
            }
        } catch (InvalidInputException expected) {
            // damaged, unsupported or inconsistent image data
        }
    }
}
