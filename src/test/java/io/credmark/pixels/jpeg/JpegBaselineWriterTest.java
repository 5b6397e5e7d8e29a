package io.credmark.pixels.jpeg;

import static io.credmark.pixels.PixelTesting.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.credmark.container.AssetHandlers;
import io.credmark.pixels.Decoded;
import io.credmark.pixels.PixelCodec;
import io.credmark.pixels.PixelTesting;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JpegBaselineWriterTest {

    private static final PixelCodec CODEC = new PixelCodec();

    /** The writer's one-scan-per-component path (used when an MCU would exceed 10 blocks) loses nothing. */
    @Test
    void separateScansPerComponentKeepEveryCoefficient() {
        for (String name : List.of("testdata/images/baseline-420.jpg", "testdata/images/restart-markers.jpg")) {
            byte[] input = bytes(name);
            Decoded.Pixels d = JpegDecoder.decode(AssetHandlers.read(input));
            JpegSource source = (JpegSource) d.source();
            JpegFrame frame = JpegCoefficientReader.read(input);
            Map<Integer, int[]> tables = new TreeMap<>();
            for (JpegFrame.Component c : frame.components) {
                tables.put(c.tq, source.tables().get(c.tq));
            }
            byte[] out = JpegBaselineWriter.write(List.of(), frame, tables, source.restartInterval(), 1 << 16, true);
            assertEquals(0, PixelTesting.differencesOutside(d.image(), CODEC.decode(out).image(), null), name);
        }
    }
}
