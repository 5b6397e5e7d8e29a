package io.credmark.pixels.marker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.InvalidInputException;
import io.credmark.pixels.Orientation;
import io.credmark.pixels.PixelTesting;
import java.awt.Rectangle;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class MarkerTest {

    // ------------------------------------------------------------------------------------------------ images

    /** Every kind of image the marker must handle, filled with noise. */
    static Stream<BufferedImage> layouts() {
        return Stream.of(
                noise(new BufferedImage(320, 200, BufferedImage.TYPE_3BYTE_BGR)),
                noise(new BufferedImage(320, 200, BufferedImage.TYPE_4BYTE_ABGR)),
                noise(new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB)),
                noise(new BufferedImage(320, 200, BufferedImage.TYPE_INT_ARGB)),
                noise(new BufferedImage(320, 200, BufferedImage.TYPE_BYTE_GRAY)),
                noise(new BufferedImage(320, 200, BufferedImage.TYPE_USHORT_GRAY)),
                noise(component(true, true, DataBuffer.TYPE_BYTE)),
                noise(component(true, true, DataBuffer.TYPE_USHORT)),
                noise(component(false, true, DataBuffer.TYPE_USHORT)),
                noise(component(false, false, DataBuffer.TYPE_USHORT)),
                noise(new BufferedImage(320, 200, BufferedImage.TYPE_BYTE_INDEXED)));
    }

    static BufferedImage component(boolean gray, boolean alpha, int type) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(gray ? ColorSpace.CS_GRAY
                : ColorSpace.CS_sRGB), alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, type);
        WritableRaster r = cm.createCompatibleWritableRaster(320, 200);
        return new BufferedImage(cm, r, false, null);
    }

    static BufferedImage noise(BufferedImage image) {
        Random random = new Random(7);
        WritableRaster r = image.getRaster();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                for (int b = 0; b < r.getNumBands(); b++) {
                    int bits = image.getSampleModel().getSampleSize(b);
                    r.setSample(x, y, b, random.nextInt(1 << bits));
                }
            }
        }
        return image;
    }

    static BufferedImage flat(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static BufferedImage copy(BufferedImage image) {
        WritableRaster r = image.copyData(image.getRaster().createCompatibleWritableRaster());
        return new BufferedImage(image.getColorModel(), r, image.isAlphaPremultiplied(), null);
    }

    // ------------------------------------------------------------------------------------------------ tests

    @ParameterizedTest
    @MethodSource("layouts")
    void onlyPixelsInsideTheBoxChange(BufferedImage image) {
        BufferedImage before = copy(image);
        MarkResult mark = Marker.draw(image, MarkerOptions.defaults(), "mira.k").orElseThrow();
        Rectangle box = mark.box();
        assertTrue(new Rectangle(0, 0, 320, 200).contains(box));
        assertEquals(0, PixelTesting.differencesOutside(before, image, box), image.toString());
        assertTrue(PixelTesting.differencesInside(before, image, box) > box.width * box.height / 2);
    }

    @ParameterizedTest
    @EnumSource(MarkerOptions.Position.class)
    void positionsAreTheFourCornersWithTheMargin(MarkerOptions.Position position) {
        BufferedImage image = flat(1000, 600, 0x808080);
        MarkResult mark = Marker.draw(image, MarkerOptions.defaults().withPosition(position).withMargin(12), "mira.k")
                .orElseThrow();
        Rectangle b = mark.box();
        assertEquals(24, b.height, "4 % of 600");
        boolean left = position.name().endsWith("LEFT");
        boolean top = position.name().startsWith("TOP");
        assertEquals(left ? 12 : 1000 - 12 - b.width, b.x);
        assertEquals(top ? 12 : 600 - 12 - b.height, b.y);
        assertEquals(b, mark.displayBox());
    }

    @Test
    void sizeIsFourPercentOfTheShorterSideAndNeverBelow24() {
        assertEquals(24, height(256, 256, MarkerOptions.defaults()), "4 % of 256 is 10: raised to 24");
        assertEquals(24, height(100, 400, MarkerOptions.defaults()));
        assertEquals(80, height(3000, 2000, MarkerOptions.defaults()));
        assertEquals(200, height(3000, 2000, MarkerOptions.defaults().withSize(0.1)));
        assertEquals(24, height(24, 24, MarkerOptions.defaults()), "the smallest image a mark fits on");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Marker.draw(flat(23, 500, 0), MarkerOptions.defaults(), "x"));
        assertEquals(InvalidInputException.Kind.BAD_REQUEST, e.kind());
    }

    private static int height(int w, int h, MarkerOptions o) {
        return Marker.draw(flat(w, h, 0x336699), o, "mira.k").orElseThrow().box().height;
    }

    @Test
    void theAutomaticMarginIsFortyPercentOfTheHeightAndShrinksOnTinyImages() {
        MarkResult m = Marker.draw(flat(1000, 1000, 0), MarkerOptions.defaults(), "").orElseThrow();
        assertEquals(40, m.box().height);
        assertEquals(1000 - 16 - 40, m.box().x);
        MarkResult tiny = Marker.draw(flat(30, 30, 0), MarkerOptions.defaults(), "").orElseThrow();
        assertEquals(new Rectangle(3, 3, 24, 24), tiny.box());
    }

    @Test
    void labelIsTruncatedWithAnEllipsisToFit() {
        String handle = "an-extraordinarily-long-creator-handle-from-a-model-marketplace";
        MarkResult m = Marker.draw(flat(256, 256, 0xFFFFFF), MarkerOptions.defaults(), handle).orElseThrow();
        assertTrue(m.label().endsWith("\u2026"), m.label());
        assertTrue(handle.startsWith(m.label().substring(0, m.label().length() - 1)), m.label());
        assertTrue(m.box().width <= 128, "at most half the width: " + m.box());
        assertTrue(m.label().length() >= 8, "a useful part of the handle is kept: " + m.label());

        MarkResult shortOne = Marker.draw(flat(256, 256, 0xFFFFFF), MarkerOptions.defaults(), "mira.k").orElseThrow();
        assertEquals("mira.k", shortOne.label());

        MarkResult none = Marker.draw(flat(256, 256, 0xFFFFFF),
                MarkerOptions.defaults().withLabel(MarkerOptions.Label.NONE), "mira.k").orElseThrow();
        assertEquals("", none.label());
        assertEquals(none.box().height, none.box().width, "the symbol alone is square");
    }

    @Test
    void truncationNeverSplitsACharacter() {
        String handle = "\uD83D\uDE00".repeat(3) + "é".repeat(60); // emoji are not in the font: no label
        MarkResult m = Marker.draw(flat(256, 256, 0), MarkerOptions.defaults(), handle).orElseThrow();
        assertTrue(m.label().isEmpty() || !Character.isHighSurrogate(m.label().charAt(m.label().length() - 2)));
        String accents = "e\u0301".repeat(80); // e + combining acute: NFC makes it é
        MarkResult n = Marker.draw(flat(256, 256, 0), MarkerOptions.defaults(), accents).orElseThrow();
        assertTrue(n.label().startsWith("\u00e9"), n.label());
        assertFalse(n.label().contains("\u0301"));
    }

    @Test
    void labelTextIsCleaned() {
        assertEquals("mira k", MarkRenderer.clean("  mira\t\u202Ek\u0000 \n"));
        assertEquals("a b", MarkRenderer.clean("a\u200B \u2028 b"));
        assertEquals("", MarkRenderer.clean(null));
        assertEquals("creator", MarkerOptions.defaults().labelText("creator", "model"));
        assertEquals("model", MarkerOptions.defaults().withLabel(MarkerOptions.Label.MODEL).labelText("c", "model"));
        assertEquals("", MarkerOptions.defaults().withLabel(MarkerOptions.Label.NONE).labelText("c", "m"));
        assertEquals("", MarkerOptions.defaults().labelText(null, "m"));
    }

    @Test
    void autoStylePicksLightOnDarkAndDarkOnLight() {
        assertEquals(MarkerOptions.Style.LIGHT, style(flat(400, 300, 0x101820)));
        assertEquals(MarkerOptions.Style.LIGHT, style(flat(400, 300, 0x5A2D82)), "dark purple");
        assertEquals(MarkerOptions.Style.DARK, style(flat(400, 300, 0xF4F1E8)));
        assertEquals(MarkerOptions.Style.DARK, style(flat(400, 300, 0xF5C842)), "saturated yellow is light");
        // only the surroundings of the mark count: a dark image with a light bottom-right corner
        BufferedImage split = flat(400, 300, 0x000000);
        for (int y = 200; y < 300; y++) {
            for (int x = 250; x < 400; x++) {
                split.setRGB(x, y, 0xFFFFFF);
            }
        }
        assertEquals(MarkerOptions.Style.DARK, style(split));
        // transparent pixels are taken as seen on a white page
        BufferedImage clear = new BufferedImage(400, 300, BufferedImage.TYPE_INT_ARGB);
        assertEquals(MarkerOptions.Style.DARK, style(clear));
        // gray images
        BufferedImage gray = new BufferedImage(400, 300, BufferedImage.TYPE_BYTE_GRAY);
        assertEquals(MarkerOptions.Style.LIGHT, style(gray));
    }

    private static MarkerOptions.Style style(BufferedImage image) {
        return Marker.draw(image, MarkerOptions.defaults(), "mira.k").orElseThrow().style();
    }

    @Test
    void explicitStylesAreHonoured() {
        assertEquals(MarkerOptions.Style.DARK, Marker.draw(flat(400, 300, 0), MarkerOptions.defaults()
                .withStyle(MarkerOptions.Style.DARK), "x").orElseThrow().style());
        assertEquals(MarkerOptions.Style.LIGHT, Marker.draw(flat(400, 300, 0xFFFFFF), MarkerOptions.defaults()
                .withStyle(MarkerOptions.Style.LIGHT), "x").orElseThrow().style());
    }

    /** WCAG 1.4.3: the label meets 4.5:1 by design, and the pixels drawn reach it too. */
    @ParameterizedTest
    @EnumSource(value = MarkerOptions.Style.class, names = {"LIGHT", "DARK"})
    void labelContrastMeetsWcagAa(MarkerOptions.Style style) {
        BufferedImage image = flat(600, 600, 0x6B8E23);
        MarkResult m = Marker.draw(image, MarkerOptions.defaults().withStyle(style), "mira.k").orElseThrow();
        assertTrue(m.labelContrast() >= Contrast.TEXT_MINIMUM, "declared " + m.labelContrast());
        assertEquals(Contrast.ratio(MarkRenderer.foreground(style), MarkRenderer.background(style)),
                m.labelContrast(), 1e-9);
        // measured: the badge colour (most frequent inside the box) against the text's extreme pixel
        Rectangle b = m.box();
        int badge = image.getRGB(b.x + b.width - 4, b.y + b.height / 2) & 0xFFFFFF;
        assertEquals(MarkRenderer.background(style), badge);
        double best = 1;
        for (int y = b.y; y < b.y + b.height; y++) {
            for (int x = b.x + b.height; x < b.x + b.width; x++) { // the label part
                best = Math.max(best, Contrast.ratio(image.getRGB(x, y) & 0xFFFFFF, badge));
            }
        }
        assertTrue(best >= Contrast.TEXT_MINIMUM, "measured " + best);
    }

    @Test
    void contrastFormulaMatchesWcag() {
        assertEquals(21.0, Contrast.ratio(0x000000, 0xFFFFFF), 1e-9);
        assertEquals(1.0, Contrast.ratio(0x777777, 0x777777), 1e-9);
        assertEquals(4.48, Contrast.ratio(0x777777, 0xFFFFFF), 0.01); // the classic just-failing gray
        assertEquals(4.54, Contrast.ratio(0x767676, 0xFFFFFF), 0.01); // and the just-passing one
    }

    @Test
    void grayImagesGetAGrayMarkAndColourImagesANeutralOne() {
        BufferedImage rgb = flat(400, 300, 0x3366CC);
        MarkResult m = Marker.draw(rgb, MarkerOptions.defaults(), "mira.k").orElseThrow();
        Rectangle b = m.box();
        BufferedImage tile = MarkRenderer.render(MarkRenderer.layout(b.height, "mira.k", 1000), m.style());
        for (int y = 0; y < b.height; y++) {
            for (int x = 0; x < b.width; x++) {
                if ((tile.getRGB(x, y) >>> 24) == 255) {
                    int p = rgb.getRGB(b.x + x, b.y + y);
                    assertTrue(((p >> 16) & 0xFF) == (p & 0xFF) && ((p >> 8) & 0xFF) == (p & 0xFF),
                            "opaque mark pixels are neutral gray");
                }
            }
        }
        BufferedImage gray = new BufferedImage(400, 300, BufferedImage.TYPE_USHORT_GRAY);
        MarkResult g = Marker.draw(gray, MarkerOptions.defaults(), "mira.k").orElseThrow();
        int max = 0;
        for (int y = g.box().y; y < g.box().y + g.box().height; y++) {
            for (int x = g.box().x; x < g.box().x + g.box().width; x++) {
                max = Math.max(max, gray.getRaster().getSample(x, y, 0));
            }
        }
        assertEquals(65535, max, "white reaches full 16-bit scale");
    }

    @Test
    void theMarkIsOpaqueOnTransparentImagesAndAlphaElsewhereUnchanged() {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_ARGB); // fully transparent
        MarkResult m = Marker.draw(image, MarkerOptions.defaults(), "mira.k").orElseThrow();
        Rectangle b = m.box();
        assertEquals(255, image.getRGB(b.x + b.width / 2, b.y + b.height / 2) >>> 24);
        assertEquals(0, image.getRGB(b.x - 1, b.y) >>> 24);
        assertEquals(0, image.getRGB(b.x, b.y) >>> 24, "the rounded corner stays transparent");
    }

    @Test
    void disabledDrawsNothing() {
        BufferedImage image = flat(100, 100, 0x123456);
        assertTrue(Marker.draw(image, MarkerOptions.disabled(), "x").isEmpty());
        assertEquals(0x123456, image.getRGB(90, 90) & 0xFFFFFF);
    }

    /**
     * With an EXIF orientation, the mark lands in the requested corner of the displayed image and reads upright
     * there: drawing on the stored pixels and then turning them gives exactly what drawing on the turned image
     * gives.
     */
    @ParameterizedTest
    @EnumSource(Orientation.class)
    void orientationPutsTheMarkUprightInTheDisplayedCorner(Orientation o) {
        for (MarkerOptions.Position position : MarkerOptions.Position.values()) {
            BufferedImage stored = noise(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB));
            BufferedImage displayed = display(stored, o);
            MarkerOptions options = MarkerOptions.defaults().withPosition(position).withStyle(MarkerOptions.Style.AUTO);
            MarkResult onStored = Marker.draw(stored, options, "mira.k", o).orElseThrow();
            MarkResult onDisplayed = Marker.draw(displayed, options, "mira.k").orElseThrow();
            assertEquals(onDisplayed.box(), onStored.displayBox(), o + " " + position);
            assertEquals(o.toStored(onStored.displayBox(), 300, 200), onStored.box());
            assertEquals(onDisplayed.style(), onStored.style());
            BufferedImage turned = display(stored, o);
            for (int y = 0; y < turned.getHeight(); y++) {
                for (int x = 0; x < turned.getWidth(); x++) {
                    if (turned.getRGB(x, y) != displayed.getRGB(x, y)) {
                        throw new AssertionError(o + " " + position + ": differs at " + x + "," + y);
                    }
                }
            }
        }
    }

    private static BufferedImage display(BufferedImage stored, Orientation o) {
        int w = stored.getWidth();
        int h = stored.getHeight();
        BufferedImage out = new BufferedImage(o.displayWidth(w, h), o.displayHeight(w, h), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] d = o.toDisplay(x, y, w, h);
                out.setRGB(d[0], d[1], stored.getRGB(x, y));
            }
        }
        return out;
    }

    @Test
    void optionNamesParse() {
        assertEquals(MarkerOptions.Position.TOP_LEFT, MarkerOptions.Position.parse("top-left"));
        assertEquals(MarkerOptions.Position.BOTTOM_RIGHT, MarkerOptions.Position.parse(" Bottom right "));
        assertEquals("bottom-right", MarkerOptions.Position.BOTTOM_RIGHT.wireName());
        assertEquals(MarkerOptions.Style.AUTO, MarkerOptions.Style.parse("auto"));
        assertEquals(MarkerOptions.Label.MODEL, MarkerOptions.Label.parse("model"));
        assertThrows(IllegalArgumentException.class, () -> MarkerOptions.Position.parse("middle"));
        assertThrows(IllegalArgumentException.class, () -> MarkerOptions.defaults().withSize(0.5));
        assertThrows(IllegalArgumentException.class, () -> MarkerOptions.defaults().withMargin(-2));
        MarkerOptions d = MarkerOptions.defaults();
        assertEquals(List.of(true, MarkerOptions.Position.BOTTOM_RIGHT, MarkerOptions.AUTO_MARGIN, 0.04,
                MarkerOptions.Style.AUTO, MarkerOptions.Label.CREATOR),
                List.of(d.enabled(), d.position(), d.margin(), d.size(), d.style(), d.label()));
    }

    @Test
    void indexedImagesGetTheNearestPaletteColours() {
        BufferedImage indexed = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_INDEXED);
        MarkResult m = Marker.draw(indexed, MarkerOptions.defaults().withStyle(MarkerOptions.Style.DARK), "x")
                .orElseThrow();
        IndexColorModel icm = (IndexColorModel) indexed.getColorModel();
        int idx = indexed.getRaster().getSample(m.box().x + m.box().width - 3, m.box().y + m.box().height / 2, 0);
        int rgb = icm.getRGB(idx) & 0xFFFFFF;
        assertTrue(Contrast.ratio(rgb, MarkRenderer.DARK_BACKGROUND) < 1.2, Integer.toHexString(rgb));
        assertArrayEquals(new int[] {0}, new int[] {indexed.getRaster().getSample(0, 0, 0)});
    }
}
