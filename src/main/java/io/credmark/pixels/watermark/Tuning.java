package io.credmark.pixels.watermark;

/** Design constants of the PSS watermark, version 1. */
final class Tuning {

    private Tuning() {
    }

    /** Smallest chip size in pixels, and the short side per chip pixel above it. */
    static final int CHIP_MIN = 3;
    static final double CHIP_DIV = 256;
    /** Texture mask: amplitude factor 1 + activity / ACTIVITY_REF, at most MASK_CAP. */
    static final double ACTIVITY_REF = 4;
    static final double MASK_CAP = 3.5;
    /** Closed-loop targets (with margin over the 42 dB / 0.98 gate) and the largest gain. */
    static final double PSNR_TARGET = 42.5;
    static final double SSIM_TARGET = 0.985;
    static final double GAIN_MAX = 2.6;
}
