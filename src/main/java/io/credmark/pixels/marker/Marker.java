package io.credmark.pixels.marker;

import io.credmark.InvalidInputException;
import io.credmark.pixels.Orientation;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Draws credmark's visible attribution mark, the "model attribution indicator": a small badge with a lineage symbol
 * and a label (see {@code docs/marker.md}). It is deliberately not the Content Credentials "cr" pin, which asserts a
 * valid C2PA manifest and must not be imitated.
 *
 * <p>Only pixels inside the returned box change. Where the badge is drawn it is opaque (alpha images get alpha 1
 * there, and antialiased edges blend with the pixels below, alpha included); the box's corners outside the rounded
 * badge stay as they were. Gray images get the mark in gray. The corner, the size and the upright direction of the
 * mark refer to the image as displayed, i.e. after its EXIF orientation; the pixels themselves stay in stored
 * orientation.
 */
public final class Marker {

    private Marker() {
    }

    /** Draws the mark on an image shown as stored (no EXIF rotation); see the four-argument form. */
    public static Optional<MarkResult> draw(BufferedImage image, MarkerOptions options, String labelText) {
        return draw(image, options, labelText, Orientation.NORMAL);
    }

    /**
     * Draws the mark into {@code image} (changed in place).
     *
     * @param labelText   the text for the label (the creator's handle or the model's name, as the options chose;
     *                    see {@link MarkerOptions#labelText}); ignored when the options' label is NONE
     * @param orientation the image's EXIF orientation, so that the mark sits in the requested corner and reads
     *                    upright where the image is displayed
     * @return the result, or empty when the options disable the mark
     * @throws InvalidInputException BAD_REQUEST when the displayed image's shorter side is under 24 pixels
     */
    public static Optional<MarkResult> draw(BufferedImage image, MarkerOptions options, String labelText,
            Orientation orientation) {
        if (!options.enabled()) {
            return Optional.empty();
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int dw = orientation.displayWidth(w, h);
        int dh = orientation.displayHeight(w, h);
        int shorter = Math.min(dw, dh);
        if (shorter < MarkerOptions.MIN_SIZE_PX) {
            throw new InvalidInputException(InvalidInputException.Kind.BAD_REQUEST, "the image is " + dw + "x" + dh
                    + "; a mark needs at least " + MarkerOptions.MIN_SIZE_PX + " pixels on the shorter side");
        }
        int size = Math.max(MarkerOptions.MIN_SIZE_PX, (int) Math.round(options.size() * shorter));
        size = Math.min(size, shorter);
        int margin = options.margin() == MarkerOptions.AUTO_MARGIN
                ? Math.max(4, (int) Math.round(0.4 * size)) : options.margin();
        margin = Math.min(margin, (shorter - size) / 2);
        int maxWidth = Math.min(dw - 2 * margin, Math.max(size, Math.min((int) Math.round(0.5 * dw), 10 * size)));
        String label = options.label() == MarkerOptions.Label.NONE ? "" : MarkRenderer.clean(labelText);
        MarkRenderer.Badge badge = MarkRenderer.layout(size, label, maxWidth);

        boolean left = options.position() == MarkerOptions.Position.TOP_LEFT
                || options.position() == MarkerOptions.Position.BOTTOM_LEFT;
        boolean top = options.position() == MarkerOptions.Position.TOP_LEFT
                || options.position() == MarkerOptions.Position.TOP_RIGHT;
        int x = left ? margin : dw - margin - badge.width();
        int y = top ? margin : dh - margin - badge.height();
        Rectangle display = new Rectangle(x, y, badge.width(), badge.height());
        Rectangle stored = orientation.toStored(display, w, h);

        PixelAccess pixels = new PixelAccess(image);
        MarkerOptions.Style style = options.style() == MarkerOptions.Style.AUTO
                ? chooseStyle(pixels, stored, size, w, h) : options.style();
        BufferedImage tile = MarkRenderer.render(badge, style);
        composite(pixels, tile, stored, display, orientation, w, h);
        double contrast = Contrast.ratio(MarkRenderer.foreground(style), MarkRenderer.background(style));
        return Optional.of(new MarkResult(stored, display, style, badge.label(), contrast));
    }

    /**
     * Light or dark, whichever badge colour reaches the WCAG graphics contrast of 3:1 against more of the pixels
     * under and around the box (ties: the higher mean contrast). Transparent pixels count as seen over white, the
     * usual page colour.
     */
    static MarkerOptions.Style chooseStyle(PixelAccess pixels, Rectangle box, int size, int w, int h) {
        int pad = Math.max(2, size / 4);
        Rectangle area = new Rectangle(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad)
                .intersection(new Rectangle(0, 0, w, h));
        double lightLum = Contrast.luminance(MarkRenderer.LIGHT_BACKGROUND);
        double darkLum = Contrast.luminance(MarkRenderer.DARK_BACKGROUND);
        long lightOk = 0;
        long darkOk = 0;
        double lightSum = 0;
        double darkSum = 0;
        double[] c = new double[4];
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                pixels.read(x, y, c);
                double a = c[3];
                double lum = Contrast.luminance(a * c[0] + 1 - a, a * c[1] + 1 - a, a * c[2] + 1 - a);
                double cl = Contrast.ratioOfLuminances(lightLum, lum);
                double cd = Contrast.ratioOfLuminances(darkLum, lum);
                lightSum += cl;
                darkSum += cd;
                if (cl >= Contrast.GRAPHICS_MINIMUM) {
                    lightOk++;
                }
                if (cd >= Contrast.GRAPHICS_MINIMUM) {
                    darkOk++;
                }
            }
        }
        if (lightOk != darkOk) {
            return lightOk > darkOk ? MarkerOptions.Style.LIGHT : MarkerOptions.Style.DARK;
        }
        return lightSum > darkSum ? MarkerOptions.Style.LIGHT : MarkerOptions.Style.DARK;
    }

    /** Source-over of the upright tile onto the stored pixels of the box, straight alpha, gamma-encoded values. */
    private static void composite(PixelAccess pixels, BufferedImage tile, Rectangle stored, Rectangle display,
            Orientation orientation, int w, int h) {
        double[] dst = new double[4];
        double[] out = new double[4];
        for (int y = stored.y; y < stored.y + stored.height; y++) {
            for (int x = stored.x; x < stored.x + stored.width; x++) {
                int[] d = orientation.toDisplay(x, y, w, h);
                int argb = tile.getRGB(d[0] - display.x, d[1] - display.y);
                int ma = argb >>> 24;
                if (ma == 0) {
                    continue;
                }
                double a = ma / 255.0;
                pixels.read(x, y, dst);
                double da = dst[3];
                double oa = a + da * (1 - a);
                for (int i = 0; i < 3; i++) {
                    double m = ((argb >> (16 - 8 * i)) & 0xFF) / 255.0;
                    out[i] = oa == 0 ? 0 : (m * a + dst[i] * da * (1 - a)) / oa;
                }
                out[3] = oa;
                pixels.write(x, y, out);
            }
        }
    }
}
