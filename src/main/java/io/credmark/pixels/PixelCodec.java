package io.credmark.pixels;

import io.credmark.InvalidInputException;
import io.credmark.container.AssetHandlers;
import io.credmark.container.ImageFormat;
import io.credmark.container.ParsedImage;
import io.credmark.container.png.PngChunkReader;
import io.credmark.pixels.jpeg.JpegDecoder;
import io.credmark.pixels.jpeg.JpegLuma;
import io.credmark.pixels.png.PngPixelReader;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.Deflater;

/**
 * Decodes a PNG or JPEG to pixels and writes changed pixels back, changing nothing else that can be kept.
 *
 * <p><b>PNG</b>: same IHDR (size, colour type, bit depth incl. 16, interlace method: Adam7 input is written as Adam7),
 * same palette (changed pixels are mapped to it, and it grows only for colours it lacks; see
 * {@code PngPixelWriter.remapPalette}), every chunk kept by {@code PngChunks} byte for byte in its place around the
 * new IDAT data, any {@code caBX} dropped. Unchanged pixels decode to exactly the same samples.
 *
 * <p><b>JPEG</b> ({@link JpegMode#KEEP_UNCHANGED_BLOCKS}, the default): the quantized DCT coefficients of every MCU
 * whose pixels did not change are kept exactly, so those pixels decode as before; MCUs the change touches are encoded
 * anew with the file's own quantization tables (whose IJG quality {@link Decoded#jpegQuality()} estimates); same
 * frame (component ids, chroma subsampling), same restart interval; written as baseline (progressive input too) with
 * optimised Huffman tables. Every APPn and COM segment before the first scan is kept byte for byte in its order (JFIF,
 * EXIF, XMP, ICC in any number of segments, IPTC, Adobe, comments), except C2PA APP11 stores and MPF APP2 (its offsets
 * point into the old coded data). Data after EOI (appended secondary images, video) is dropped. Arithmetic-coded
 * files are re-encoded as with {@link JpegMode#REENCODE}, which also drops the Adobe segment (its encoder writes
 * YCbCr with ids 1, 2, 3) and keeps progression. CMYK/YCCK, 12-bit, lossless and hierarchical JPEGs are refused.
 *
 * <p>Both: pixels stay in stored orientation; the EXIF orientation is reported, never applied. The pixel count is
 * checked against the limit from the header before anything is decoded. Instances are immutable and thread-safe.
 */
public final class PixelCodec {

    /** The default limit on width × height, checked before decoding: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** How a JPEG with changed pixels is written. */
    public enum JpegMode {
        /**
         * Default. Every MCU (16×16 pixels for 4:2:0) whose pixels did not change keeps its quantized DCT
         * coefficients exactly; changed MCUs are encoded anew with the file's own tables. Written as baseline with
         * optimised Huffman tables. Files this cannot handle (arithmetic coding, sampling factors that do not divide
         * evenly, 16-bit tables) are written as with {@link #REENCODE}.
         */
        KEEP_UNCHANGED_BLOCKS,
        /** Everything re-encoded by libjpeg (ImageIO) with the file's own tables, sampling and progression. */
        REENCODE,
        /** Everything re-encoded with the standard IJG tables at the quality estimated from the file's tables. */
        REENCODE_ESTIMATED_QUALITY
    }

    private final long maxPixels;
    private final JpegMode jpegMode;
    private final int deflateLevel;

    public PixelCodec() {
        this(DEFAULT_MAX_PIXELS);
    }

    public PixelCodec(long maxPixels) {
        this(maxPixels, JpegMode.KEEP_UNCHANGED_BLOCKS, Deflater.BEST_COMPRESSION);
    }

    /**
     * @param maxPixels    the largest width × height decoded
     * @param jpegMode     how JPEGs are written
     * @param deflateLevel the zlib level of PNG image data, 1..9
     */
    public PixelCodec(long maxPixels, JpegMode jpegMode, int deflateLevel) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive");
        }
        if (deflateLevel < 1 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflateLevel must be 1..9");
        }
        this.maxPixels = maxPixels;
        this.jpegMode = java.util.Objects.requireNonNull(jpegMode);
        this.deflateLevel = deflateLevel;
    }

    /**
     * Decodes a PNG or JPEG.
     *
     * @throws InvalidInputException UNSUPPORTED_FORMAT for what cannot be decoded and written back faithfully,
     *                               MALFORMED_IMAGE for damaged files, TOO_LARGE over the pixel limit
     */
    public Decoded decode(byte[] file) {
        ParsedImage parsed = readWithinLimit(file);
        if (parsed.format() == ImageFormat.PNG) {
            return new Decoded(ImageFormat.PNG, parsed.header(),
                    PngPixelReader.read(file, PngChunkReader.read(file).chunks()));
        }
        return new Decoded(ImageFormat.JPEG, parsed.header(), JpegDecoder.decode(parsed));
    }

    /**
     * The luminance of a JPEG read from its coefficients, without decoding its colour ({@link JpegLuma}); empty for a
     * PNG and for the JPEGs only a full {@link #decode} reads. Checked against the pixel limit as {@link #decode} is.
     *
     * @throws InvalidInputException MALFORMED_IMAGE for damaged files, TOO_LARGE over the pixel limit
     */
    public Optional<LumaBands> luma(byte[] file) {
        ParsedImage parsed = readWithinLimit(file);
        return parsed.format() == ImageFormat.JPEG ? JpegLuma.of(file) : Optional.empty();
    }

    private ParsedImage readWithinLimit(byte[] file) {
        ParsedImage parsed = AssetHandlers.read(file);
        if (parsed.header().pixels() > maxPixels) {
            throw new InvalidInputException(InvalidInputException.Kind.TOO_LARGE, "the image is "
                    + parsed.header().width() + "x" + parsed.header().height() + " (" + parsed.header().pixels()
                    + " pixels); decoding is limited to " + maxPixels);
        }
        parsed.requireUndamaged();
        return parsed;
    }

    /**
     * Writes {@code changed} in the format and with the metadata of {@code original}.
     *
     * @param changed the new pixels: {@code original.image()} after drawing, or an image of the same size and layout
     * @throws IllegalArgumentException if {@code changed} does not have the decoded image's size and layout
     */
    public byte[] encode(Decoded original, BufferedImage changed) {
        requireSameLayout(original, changed);
        return original.source().write(changed, jpegMode, deflateLevel);
    }

    /** A file written, and whether the luminance it decodes to passed a test. */
    public record Checked(byte[] file, boolean passed) {
    }

    /**
     * {@link #encode}, with {@code test} answered on the luminance the file written decodes to, where the codec knows
     * it without decoding the file: a JPEG whose coefficients it edits, tested while they are written on another core
     * when one is spare. Empty otherwise: the caller encodes, then reads what it wrote.
     *
     * @throws IllegalArgumentException if {@code changed} does not have the decoded image's size and layout
     */
    public Optional<Checked> encodeChecked(Decoded original, BufferedImage changed, Predicate<LumaBands> test) {
        requireSameLayout(original, changed);
        return original.source().writeChecked(changed, jpegMode, test);
    }

    private static void requireSameLayout(Decoded original, BufferedImage changed) {
        if (!PixelImages.sameLayout(original.image(), changed)) {
            throw new IllegalArgumentException("the changed image must have the size and layout of the decoded one ("
                    + original.width() + "x" + original.height() + ", " + original.image().getRaster().getNumBands()
                    + " bands); draw into Decoded.image() or Decoded.copyImage()");
        }
    }
}
