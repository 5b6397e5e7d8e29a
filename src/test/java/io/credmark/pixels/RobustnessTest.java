package io.credmark.pixels;

import static io.credmark.pixels.PixelTesting.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.InvalidInputException;
import io.credmark.container.AssetHandlers;
import io.credmark.pixels.marker.Marker;
import io.credmark.pixels.marker.MarkerOptions;
import io.credmark.testing.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Damaged and hostile input: a clean InvalidInputException or a valid result, never anything else. */
class RobustnessTest {

    private static final PixelCodec CODEC = new PixelCodec();

    static Stream<Path> malformed() {
        return Corpus.malformed().stream();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedCorpusIsRefusedCleanlyOrHandled(Path file) {
        byte[] input = Corpus.bytes(file);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> decodeMarkEncode(input));
    }

    @Test
    void declaredGiantsAreRefusedAsTooLarge() {
        for (String name : List.of("testdata/malformed/png-ihdr-100000x100000.png",
                "testdata/malformed/jpeg-sof-65535x65535.jpg")) {
            InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                    () -> CODEC.decode(bytes(name)));
            assertEquals(InvalidInputException.Kind.TOO_LARGE, e.kind(), name);
        }
    }

    /** Random damage to the coded image data of each kind of file. */
    @Test
    void mutatedImageDataNeverEscapesAsAnotherException() {
        Map<String, Integer> outcomes = new TreeMap<>();
        for (String name : List.of("testdata/images/baseline-420.jpg", "testdata/images/progressive.jpg",
                "testdata/images/restart-markers.jpg", "testdata/images/grayscale.jpg", "testdata/images/rgb8.png",
                "testdata/images/interlaced-adam7.png", "testdata/images/palette8-trns.png")) {
            byte[] original = bytes(name);
            int dataStart = original.length / 3;
            Random random = new Random(name.hashCode());
            for (int i = 0; i < 40; i++) {
                byte[] damaged = original.clone();
                int edits = 1 + random.nextInt(8);
                for (int e = 0; e < edits; e++) {
                    int at = dataStart + random.nextInt(original.length - dataStart - 16);
                    damaged[at] = (byte) random.nextInt(256);
                }
                String outcome = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> decodeMarkEncode(damaged));
                outcomes.merge(outcome, 1, Integer::sum);
            }
        }
        assertTrue(outcomes.keySet().stream().allMatch(o -> o.equals("ok") || o.startsWith("refused")),
                outcomes.toString());
    }

    /** Decodes, marks and encodes; returns "ok" or "refused: KIND"; any other exception fails the test. */
    private static String decodeMarkEncode(byte[] input) {
        Decoded d;
        try {
            d = CODEC.decode(input);
        } catch (InvalidInputException e) {
            return "refused: " + e.kind();
        }
        Marker.draw(d.image(), MarkerOptions.defaults(), "mira.k", d.orientation());
        byte[] out = CODEC.encode(d, d.image());
        AssetHandlers.read(out).requireUndamaged();
        CODEC.decode(out);
        return "ok";
    }
}
