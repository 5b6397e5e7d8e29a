package io.credmark.pixels;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * The EXIF orientation (TIFF tag 0x0112): how a viewer turns the stored pixels before showing them. credmark never
 * rotates pixels; it only uses this to place and draw a mark so that it reads upright where viewers show the image.
 *
 * <p>{@link #toDisplay} maps a stored pixel to where it is displayed; the display is {@link #displayWidth} by
 * {@link #displayHeight}.
 */
public enum Orientation {
    /** 1: stored as displayed. */
    NORMAL(1),
    /** 2: mirrored left to right. */
    MIRROR_HORIZONTAL(2),
    /** 3: turned 180°. */
    ROTATE_180(3),
    /** 4: mirrored top to bottom. */
    MIRROR_VERTICAL(4),
    /** 5: mirrored along the main diagonal (the stored column x becomes display row x). */
    TRANSPOSE(5),
    /** 6: shown turned 90° clockwise. */
    ROTATE_90_CW(6),
    /** 7: mirrored along the anti-diagonal. */
    TRANSVERSE(7),
    /** 8: shown turned 90° counter-clockwise. */
    ROTATE_90_CCW(8);

    private final int exifValue;

    Orientation(int exifValue) {
        this.exifValue = exifValue;
    }

    public int exifValue() {
        return exifValue;
    }

    /** The orientation for an EXIF value; values outside 1..8 mean {@link #NORMAL}, as viewers treat them. */
    public static Orientation ofExif(int value) {
        for (Orientation o : values()) {
            if (o.exifValue == value) {
                return o;
            }
        }
        return NORMAL;
    }

    /** Whether displayed width and height are the stored height and width. */
    public boolean swapsAxes() {
        return exifValue >= 5;
    }

    public int displayWidth(int storedWidth, int storedHeight) {
        return swapsAxes() ? storedHeight : storedWidth;
    }

    public int displayHeight(int storedWidth, int storedHeight) {
        return swapsAxes() ? storedWidth : storedHeight;
    }

    /** Where the stored pixel (x, y) of a {@code w}×{@code h} image is displayed, as {@code {x', y'}}. */
    public int[] toDisplay(int x, int y, int w, int h) {
        return switch (this) {
            case NORMAL -> new int[] {x, y};
            case MIRROR_HORIZONTAL -> new int[] {w - 1 - x, y};
            case ROTATE_180 -> new int[] {w - 1 - x, h - 1 - y};
            case MIRROR_VERTICAL -> new int[] {x, h - 1 - y};
            case TRANSPOSE -> new int[] {y, x};
            case ROTATE_90_CW -> new int[] {h - 1 - y, x};
            case TRANSVERSE -> new int[] {h - 1 - y, w - 1 - x};
            case ROTATE_90_CCW -> new int[] {y, w - 1 - x};
        };
    }

    /** The stored pixel displayed at (x', y'), as {@code {x, y}}; {@code w}, {@code h} are the stored size. */
    public int[] toStored(int dx, int dy, int w, int h) {
        return switch (this) {
            case NORMAL -> new int[] {dx, dy};
            case MIRROR_HORIZONTAL -> new int[] {w - 1 - dx, dy};
            case ROTATE_180 -> new int[] {w - 1 - dx, h - 1 - dy};
            case MIRROR_VERTICAL -> new int[] {dx, h - 1 - dy};
            case TRANSPOSE -> new int[] {dy, dx};
            case ROTATE_90_CW -> new int[] {dy, h - 1 - dx};
            case TRANSVERSE -> new int[] {w - 1 - dy, h - 1 - dx};
            case ROTATE_90_CCW -> new int[] {w - 1 - dy, dx};
        };
    }

    /** The stored rectangle that is displayed as {@code display}; {@code w}, {@code h} are the stored size. */
    public Rectangle toStored(Rectangle display, int w, int h) {
        int[] a = toStored(display.x, display.y, w, h);
        int[] b = toStored(display.x + display.width - 1, display.y + display.height - 1, w, h);
        return span(a, b);
    }

    /** The displayed rectangle of the stored rectangle {@code stored}; {@code w}, {@code h} are the stored size. */
    public Rectangle toDisplay(Rectangle stored, int w, int h) {
        int[] a = toDisplay(stored.x, stored.y, w, h);
        int[] b = toDisplay(stored.x + stored.width - 1, stored.y + stored.height - 1, w, h);
        return span(a, b);
    }

    /** The image as viewers show it: the stored pixels turned; the same colour model and layout. */
    public BufferedImage display(BufferedImage stored) {
        if (this == NORMAL) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        return remap(stored, displayWidth(w, h), displayHeight(w, h), (x, y) -> toDisplay(x, y, w, h));
    }

    /** The inverse of {@link #display}: a displayed image turned back to stored orientation. */
    public BufferedImage stored(BufferedImage displayed) {
        if (this == NORMAL) {
            return displayed;
        }
        int w = swapsAxes() ? displayed.getHeight() : displayed.getWidth();
        int h = swapsAxes() ? displayed.getWidth() : displayed.getHeight();
        return remap(displayed, w, h, (x, y) -> toStored(x, y, w, h));
    }

    private interface PixelMap {
        int[] target(int x, int y);
    }

    private static BufferedImage remap(BufferedImage source, int width, int height, PixelMap map) {
        WritableRaster src = source.getRaster();
        WritableRaster dst = src.createCompatibleWritableRaster(width, height);
        Object pixel = null;
        for (int y = 0; y < source.getHeight(); y++) {
            for (int x = 0; x < source.getWidth(); x++) {
                pixel = src.getDataElements(x, y, pixel);
                int[] t = map.target(x, y);
                dst.setDataElements(t[0], t[1], pixel);
            }
        }
        return new BufferedImage(source.getColorModel(), dst, source.isAlphaPremultiplied(), null);
    }

    private static Rectangle span(int[] a, int[] b) {
        int x0 = Math.min(a[0], b[0]);
        int y0 = Math.min(a[1], b[1]);
        return new Rectangle(x0, y0, Math.abs(a[0] - b[0]) + 1, Math.abs(a[1] - b[1]) + 1);
    }

    /**
     * Reads the orientation from a TIFF structure (the payload of a JPEG {@code Exif} APP1 after its 6-byte header,
     * or a PNG {@code eXIf} chunk): IFD0 tag 0x0112. Anything unreadable means {@link #NORMAL}; every offset is
     * checked against the bytes given.
     */
    public static Orientation fromTiff(byte[] b, int off, int len) {
        if (len < 8 || off < 0 || off + len > b.length) {
            return NORMAL;
        }
        boolean little;
        if (b[off] == 'I' && b[off + 1] == 'I') {
            little = true;
        } else if (b[off] == 'M' && b[off + 1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        if (u16(b, off + 2, little) != 42) {
            return NORMAL;
        }
        long ifd = u32(b, off + 4, little);
        if (ifd < 8 || ifd > len - 2) {
            return NORMAL;
        }
        int at = off + (int) ifd;
        int count = u16(b, at, little);
        at += 2;
        for (int i = 0; i < count && at + 12 <= off + len; i++, at += 12) {
            if (u16(b, at, little) == 0x0112) {
                int type = u16(b, at + 2, little);
                if (type != 3) { // SHORT
                    return NORMAL;
                }
                return ofExif(u16(b, at + 8, little));
            }
        }
        return NORMAL;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        return little ? (y << 8) | x : (x << 8) | y;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int k = little ? 3 - i : i;
            v = (v << 8) | (b[at + k] & 0xFF);
        }
        return v;
    }
}
