package io.credmark.pixels.marker;

import java.awt.Rectangle;

/**
 * A drawn mark.
 *
 * @param box           the mark's bounding box in stored image pixels (the only pixels that may have changed); this
 *                      is what the manifest records and what a watermark must leave alone
 * @param displayBox    the same box in displayed coordinates, after the image's EXIF orientation is applied (equal
 *                      to {@code box} for unrotated images); this is where a web page puts the clickable hotspot,
 *                      scaled by the rendered size
 * @param style         {@link MarkerOptions.Style#LIGHT} or {@link MarkerOptions.Style#DARK}
 * @param label         the label text drawn, after cleaning and truncation; empty for none
 * @param labelContrast the WCAG contrast ratio of the label and symbol colour against the badge colour
 */
public record MarkResult(Rectangle box, Rectangle displayBox, MarkerOptions.Style style, String label,
        double labelContrast) {

    public MarkResult {
        box = new Rectangle(box);
        displayBox = new Rectangle(displayBox);
    }

    @Override
    public Rectangle box() {
        return new Rectangle(box);
    }

    @Override
    public Rectangle displayBox() {
        return new Rectangle(displayBox);
    }
}
