package io.credmark.pixels.watermark;

import java.awt.image.BufferedImage;

/**
 * A watermarked image and how much it changed.
 *
 * @param marked   the watermarked image (same size; same type when it is a plain 8/16-bit RGB or grey raster,
 *                 otherwise 8-bit RGB or ARGB)
 * @param psnr     PSNR in dB of the marked image against the input, over the colour channels
 * @param ssim     luma SSIM against the input as predicted by the closed loop (11×11 Gaussian windows sampled every
 *                 third pixel, before rounding to 8 bits)
 * @param strength the global gain chosen by the closed loop (amplitude in flat areas, in 8-bit luma steps)
 * @param chipSize the chip size in pixels (the tile repeats every 32 chips)
 */
public record Embedded(BufferedImage marked, double psnr, double ssim, double strength, int chipSize) {
}
