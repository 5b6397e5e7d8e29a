package io.credmark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.issuance.StampOptions;
import io.credmark.issuance.StampRequest;
import io.credmark.issuance.WatermarkMode;
import io.credmark.pixels.marker.MarkerOptions;
import io.credmark.provenance.ProvenanceParser;
import io.credmark.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {

    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {"0", "10", "-1", "fast"})
    void aPngDeflateLevelOutsideOneToNineIsRefusedNamingTheKey(String level) {
        Settings settings = Settings.resolve(Optional.of(data.toString()), Map.of("png.deflate-level", level),
                Map.of());
        ConfigurationException e = assertThrows(ConfigurationException.class, settings::pngDeflateLevel);
        assertTrue(e.getMessage().contains("png.deflate-level"), e.getMessage());
    }

    @Test
    void thePngDeflateLevelComesFromTheEnvironmentAndDefaultsToTheFastest() {
        assertEquals(1, Settings.resolve(Optional.of(data.toString()), Map.of(), Map.of()).pngDeflateLevel());
        assertEquals(9, Settings.resolve(Optional.of(data.toString()), Map.of(),
                Map.of("CREDMARK_PNG_DEFLATE_LEVEL", "9")).pngDeflateLevel());
    }

    /** The level reaches the stamp: the same marked PNG comes out smaller at level 9 than at level 1. */
    @Test
    void aHigherPngDeflateLevelWritesASmallerMarkedPng() {
        byte[] image = Corpus.bytes("testdata/images/rgb8.png");
        assertTrue(markedSize(image, "9") < markedSize(image, "1"));
    }

    private int markedSize(byte[] image, String level) {
        Path dir = data.resolve("level-" + level);
        Credmark credmark = Credmark.open(Settings.resolve(Optional.of(dir.toString()),
                Map.of("png.deflate-level", level, "tsa.url", "none"), Map.of()));
        StampRequest request = new StampRequest(image, ProvenanceParser.parse(
                "{\"creator\":{\"handle\":\"ana\"},\"model\":{\"name\":\"m\"}}".getBytes(StandardCharsets.UTF_8)),
                Optional.empty(), Optional.empty(), DisclosurePolicy.ALL_PUBLIC,
                new StampOptions(MarkerOptions.defaults(), WatermarkMode.OFF), OptionalLong.empty());
        return credmark.stamping().stamp(request).toByteArray().length;
    }
}
