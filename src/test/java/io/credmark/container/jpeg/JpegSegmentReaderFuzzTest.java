package io.credmark.container.jpeg;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.credmark.InvalidInputException;
import io.credmark.container.ParsedImage;

/**
 * Any bytes after SOI either read as a segment sequence (and a container with its APP11 stores, header and
 * problems) or fail with {@link InvalidInputException}; nothing else escapes (docs/fuzzing.md).
 */
class JpegSegmentReaderFuzzTest {

    private static final JpegHandler HANDLER = new JpegHandler();

    @FuzzTest
    void read(byte[] data) {
        byte[] file = new byte[data.length + 2];
        file[0] = (byte) 0xFF;
        file[1] = (byte) JpegSegment.SOI;
        System.arraycopy(data, 0, file, 2, data.length);
        try {
            JpegSegmentReader.read(file);
        } catch (InvalidInputException expected) {
            return;
        }
        try {
            ParsedImage image = HANDLER.read(file);
            image.stores().forEach(s -> s.start());
        } catch (InvalidInputException expected) {
            // segments that are not an acceptable image (no frame header, broken APP11 sequence…)
        }
    }
}
