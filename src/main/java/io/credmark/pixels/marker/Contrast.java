package io.credmark.pixels.marker;

/**
 * WCAG 2.x contrast: relative luminance of sRGB colours and the contrast ratio {@code (L1 + 0.05) / (L2 + 0.05)}.
 * The linearisation threshold is the sRGB standard's 0.04045 (WCAG 2.0 printed 0.03928; no 8-bit value lies between).
 */
final class Contrast {

    /** WCAG 2.x success criterion 1.4.3 (AA) for normal text. */
    public static final double TEXT_MINIMUM = 4.5;
    /** WCAG 2.1 success criterion 1.4.11 for graphical objects and the edges of components. */
    public static final double GRAPHICS_MINIMUM = 3.0;

    private Contrast() {
    }

    /** Relative luminance of an sRGB colour {@code 0xRRGGBB} (alpha ignored). */
    public static double luminance(int rgb) {
        return luminance(((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
    }

    /** Relative luminance of sRGB components in 0..1. */
    public static double luminance(double r, double g, double b) {
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    }

    /** The contrast ratio of two sRGB colours, 1..21. */
    public static double ratio(int rgb1, int rgb2) {
        return ratioOfLuminances(luminance(rgb1), luminance(rgb2));
    }

    /** The contrast ratio of two relative luminances, 1..21. */
    public static double ratioOfLuminances(double l1, double l2) {
        double hi = Math.max(l1, l2);
        double lo = Math.min(l1, l2);
        return (hi + 0.05) / (lo + 0.05);
    }

    static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
