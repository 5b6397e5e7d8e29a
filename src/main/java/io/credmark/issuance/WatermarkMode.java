package io.credmark.issuance;

/** Whether a stamp embeds the invisible watermark. */
public enum WatermarkMode {
    /** No watermark. */
    OFF,
    /**
     * A watermark wherever the image can carry one; images that cannot (palette PNGs, CMYK JPEGs, sides under 64
     * pixels) are stamped without, and the stamp says why.
     */
    AUTO,
    /** A watermark, or no stamp at all: an image that cannot carry one is refused with the reason. */
    REQUIRED
}
