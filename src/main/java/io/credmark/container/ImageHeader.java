package io.credmark.container;

/**
 * What the container header says about the image, read without decoding a single pixel.
 *
 * @param width       pixels per row
 * @param height      rows
 * @param components  colour components per pixel (PNG: including alpha)
 * @param bitDepth    bits per sample
 * @param description a short human description, e.g. "RGBA 8-bit, interlaced" or "YCbCr 4:2:0, progressive"
 */
public record ImageHeader(int width, int height, int components, int bitDepth, String description) {

    public long pixels() {
        return (long) width * height;
    }
}
