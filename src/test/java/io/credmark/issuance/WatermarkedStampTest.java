package io.credmark.issuance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.InvalidInputException;
import io.credmark.pixels.Orientation;
import io.credmark.pixels.marker.MarkerOptions;
import io.credmark.bench.Attacks;
import io.credmark.testing.Corpus;
import io.credmark.testing.TestInstallation;
import io.credmark.verification.VerifyService;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watermark in the stamp's pixel pipeline: after the mark and around it, upright as displayed, or skipped. */
class WatermarkedStampTest {

    private static final long PAYLOAD = 0x0123_4567_89abL;

    @TempDir
    Path dir;

    @Test
    void theWatermarkLeavesTheMarksBoxAsTheMarkDrewIt() {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        byte[] input = Attacks.encodePng(Attacks.decode(Corpus.bytes(
                "testdata/watermark/heldout/photo-kde-coldripple-1024x1024.jpg")));
        StampOptions markOnly = new StampOptions(MarkerOptions.defaults(), WatermarkMode.OFF);
        StampResult marked = stamp(installation, input, markOnly);
        StampResult both = stamp(installation, input, markOnly.withWatermark(WatermarkMode.REQUIRED));
        assertTrue(both.watermark().orElseThrow().embedded());
        Rectangle box = both.mark().orElseThrow().box();
        assertEquals(marked.mark().orElseThrow().box(), box);

        BufferedImage a = Attacks.decode(marked.toByteArray());
        BufferedImage b = Attacks.decode(both.toByteArray());
        int differentOutside = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                boolean inside = box.contains(x, y);
                if (inside) {
                    assertEquals(a.getRGB(x, y), b.getRGB(x, y), "inside the mark's box at " + x + "," + y);
                } else if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    differentOutside++;
                }
            }
        }
        assertTrue(differentOutside > a.getWidth() * a.getHeight() / 4, "the watermark spans the image");
        assertEquals(PAYLOAD, installation.credmark().verification().scanWatermark(both.toByteArray()).detection()
                .orElseThrow().payloadId());
        assertFalse(installation.credmark().verification().scanWatermark(marked.toByteArray()).detection()
                .isPresent(), "the mark alone is no watermark");
    }

    /** A phone photo shown turned: a copy saved as displayed, without its EXIF tag, still carries the watermark. */
    @Test
    void aRotatedPhotoCarriesTheWatermarkAsItIsDisplayed() {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        byte[] photo = Corpus.bytes("testdata/watermark/heldout/photo-mate-twowings-768x512.jpg");
        StampResult stamped = stamp(installation, withOrientation(photo, Orientation.ROTATE_90_CW),
                StampOptions.METADATA_ONLY.withWatermark(WatermarkMode.REQUIRED));
        VerifyService verify = installation.credmark().verification();
        assertEquals(PAYLOAD, verify.scanWatermark(stamped.toByteArray()).detection().orElseThrow().payloadId());
        BufferedImage displayed = Orientation.ROTATE_90_CW.display(Attacks.decode(stamped.toByteArray()));
        assertEquals(512, displayed.getWidth());
        assertEquals(PAYLOAD, verify.scanWatermark(Attacks.encodePng(displayed)).detection().orElseThrow()
                .payloadId());
    }

    @Test
    void anImageThatCannotBeWrittenBackFaithfullyIsStampedWithoutUnlessTheWatermarkIsRequired() {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        byte[] cmyk = Corpus.bytes("testdata/images/cmyk-adobe.jpg");
        StampResult auto = stamp(installation, cmyk, StampOptions.SERVICE_DEFAULT);
        assertTrue(auto.watermark().orElseThrow().skipped().orElseThrow().contains("CMYK"),
                auto.watermark().toString());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> stamp(installation, cmyk,
                StampOptions.METADATA_ONLY.withWatermark(WatermarkMode.REQUIRED)));
        assertTrue(e.getMessage().startsWith("options.watermark: "), e.getMessage());
        assertTrue(installation.credmark().verification().scanWatermark(cmyk).unreadable().isPresent());
    }

    @Test
    void aWatermarkNeedsTheIdOfARecordedCredential() {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        assertThrows(IllegalArgumentException.class, () -> installation.credmark().stamping().stamp(StampRequest.of(
                Corpus.bytes("testdata/images/rgb8.png"), TestInstallation.exampleProvenance())
                .withOptions(StampOptions.SERVICE_DEFAULT)));
    }

    /** The JPEG with an EXIF APP1 segment right after SOI whose IFD0 holds only the orientation tag. */
    static byte[] withOrientation(byte[] jpeg, Orientation o) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) o.exifValue(), 0, 0,
            0, 0, 0, 0};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 6 + tiff.length;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length,
            'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static StampResult stamp(TestInstallation installation, byte[] input, StampOptions options) {
        return installation.credmark().stamping().stamp(new StampRequest(input, TestInstallation.exampleProvenance(),
                Optional.empty(), Optional.empty(), io.credmark.disclosure.DisclosurePolicy.ALL_PUBLIC, options,
                OptionalLong.of(PAYLOAD)));
    }
}
