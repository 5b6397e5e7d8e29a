package io.credmark.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.c2pa.jumbf.JumbfReader;
import io.credmark.c2pa.jumbf.SuperBox;
import io.credmark.container.AssetHandlers;
import io.credmark.http.StampOptionsJson;
import io.credmark.issuance.StampOptions;
import io.credmark.issuance.StampRequest;
import io.credmark.issuance.StampResult;
import io.credmark.issuance.WatermarkMode;
import io.credmark.pixels.ClaimThumbnail;
import io.credmark.pixels.marker.MarkerOptions;
import io.credmark.testing.Corpus;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.TestInstallation;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim thumbnail: on when pixels are decoded anyway, opt-in for metadata-only stamps. */
class ClaimThumbnailStampIT {

    @TempDir
    Path dir;

    @Test
    void aMarkedStampCarriesAThumbnailAMetadataOnlyOneOnlyWhenAsked() throws Exception {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        StampOptions marked = new StampOptions(MarkerOptions.defaults(), WatermarkMode.OFF);
        StampOptions asked = StampOptionsJson.parse(new ObjectMapper().createObjectNode().put("thumbnail", true));
        List<Path> outputs = new ArrayList<>();
        for (String input : List.of("testdata/images/rgb8.png", "testdata/images/baseline-420.jpg",
                "testdata/images/exif-no-app0.jpg")) {
            byte[] original = Corpus.bytes(input);
            StampResult plain = installation.credmark().stamping().stamp(StampRequest.of(original,
                    TestInstallation.minimalProvenance()));
            assertFalse(plain.metadata().thumbnail().embedded(), "metadata-only stays decode-free by default");
            assertTrue(thumbnail(plain.toByteArray()).isEmpty());

            for (StampOptions options : List.of(marked, asked)) {
                StampResult r = installation.credmark().stamping().stamp(StampRequest.of(original,
                        TestInstallation.minimalProvenance()).withOptions(options));
                assertTrue(r.metadata().thumbnail().embedded(), input);
                byte[] jpeg = thumbnail(r.toByteArray()).orElseThrow();
                BufferedImage t = ImageIO.read(new ByteArrayInputStream(jpeg));
                assertEquals(ClaimThumbnail.MAX_SIDE, Math.max(t.getWidth(), t.getHeight()), input);
                Path out = dir.resolve(outputs.size() + "-" + Path.of(input).getFileName());
                Files.write(out, r.toByteArray());
                outputs.add(out);
            }
        }
        ReferenceVerifier.create().withTrustAnchors(installation.rootPem()).assertAllTrusted(outputs);
    }

    /** The thumbnail in the file's active manifest, if any. */
    static Optional<byte[]> thumbnail(byte[] file) {
        SuperBox store = JumbfReader.readSuperBox(AssetHandlers.read(file).store().orElseThrow().jumbf());
        List<SuperBox> manifests = store.superBoxes();
        return manifests.get(manifests.size() - 1).child("c2pa.assertions")
                .flatMap(a -> a.child(ClaimThumbnail.LABEL))
                .flatMap(t -> t.contentBoxes().stream().filter(b -> b.type().equals("bidb")).findFirst())
                .map(b -> b.payload().toByteArray());
    }
}
