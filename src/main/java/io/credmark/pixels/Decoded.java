package io.credmark.pixels;

import io.credmark.container.ImageFormat;
import io.credmark.container.ImageHeader;
import io.credmark.pixels.jpeg.JpegQuality;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An image decoded by {@link PixelCodec}: its pixels, in stored orientation, and what the codec needs to write it
 * back faithfully. Draw into {@link #image()} (or into {@link #copyImage()}) and pass the result to
 * {@link PixelCodec#encode}.
 *
 * <p>Pixel layout of {@link #image()} (raster bands: colour components, then alpha; never premultiplied; samples are
 * the file's values with no gamma, ICC or colour conversion applied):
 * <ul>
 *   <li>PNG gray 1/2/4/8-bit: {@code TYPE_BYTE_GRAY} (1/2/4-bit values scaled to 0..255 exactly); gray 16-bit:
 *       {@code TYPE_USHORT_GRAY}; gray + alpha: 2 bands of 8 or 16 bits;</li>
 *   <li>PNG RGB 8-bit: {@code TYPE_3BYTE_BGR}; RGBA 8-bit: {@code TYPE_4BYTE_ABGR}; RGB(A) 16-bit: 3 or 4 bands of
 *       16 bits;</li>
 *   <li>PNG palette: {@code TYPE_INT_RGB}, or {@code TYPE_INT_ARGB} when the palette has transparency;</li>
 *   <li>JPEG: {@code TYPE_3BYTE_BGR} (YCbCr and RGB files) or {@code TYPE_BYTE_GRAY}.</li>
 * </ul>
 */
public final class Decoded {

    /**
     * What a codec keeps of the decoded file to write changed pixels back into it. Implemented package-privately by
     * the codecs in {@code pixels.png} and {@code pixels.jpeg}; only {@link PixelCodec} writes through it.
     */
    public interface Source {

        /** The file with {@code changed} as its pixels; {@code changed} has the decoded image's size and layout. */
        byte[] write(BufferedImage changed, PixelCodec.JpegMode jpegMode, int deflateLevel);

        /**
         * {@link #write}, with {@code test} answered on the luminance of what is written, where the codec knows it
         * without decoding the file (a JPEG's coefficients as it writes them, tested while they are written); empty
         * where it does not.
         */
        default Optional<PixelCodec.Checked> writeChecked(BufferedImage changed, PixelCodec.JpegMode jpegMode,
                Predicate<LumaBands> test) {
            return Optional.empty();
        }

        /** For a JPEG: the IJG quality estimated from its quantization tables. */
        default Optional<JpegQuality.Estimate> jpegQuality() {
            return Optional.empty();
        }

        /** Whether the file stores palette indices (PNG colour type 3). */
        default boolean paletted() {
            return false;
        }

        /** Whether {@link #write} stores every changed sample exactly as given (lossless, at the image's depth). */
        default boolean storesSamplesExactly() {
            return false;
        }
    }

    /** What a codec's decoder hands back: the pixels in stored orientation, the EXIF orientation, the source. */
    public record Pixels(BufferedImage image, Orientation orientation, Source source) {
    }

    private final ImageFormat format;
    private final ImageHeader header;
    private final BufferedImage image;
    private final Orientation orientation;
    private final Source source;

    Decoded(ImageFormat format, ImageHeader header, Pixels pixels) {
        this.format = format;
        this.header = header;
        this.image = pixels.image();
        this.orientation = pixels.orientation();
        this.source = pixels.source();
    }

    public ImageFormat format() {
        return format;
    }

    /** The container header of the input (size, components, bit depth, description). */
    public ImageHeader header() {
        return header;
    }

    /** The pixels, in stored orientation; mutable, and the codec does not keep a copy (except where documented). */
    public BufferedImage image() {
        return image;
    }

    /** A deep copy of {@link #image()} with the same layout, to draw into while keeping the decoded pixels. */
    public BufferedImage copyImage() {
        return PixelImages.copy(image);
    }

    /** The EXIF orientation (JPEG APP1 or PNG eXIf); {@link Orientation#NORMAL} when there is none. */
    public Orientation orientation() {
        return orientation;
    }

    /** For a JPEG: the IJG quality estimated from its quantization tables. */
    public Optional<JpegQuality.Estimate> jpegQuality() {
        return source.jpegQuality();
    }

    /**
     * Whether the file stores palette indices (PNG colour type 3): changed pixels are written back as the nearest
     * palette entries, so changes of a step or two are lost.
     */
    public boolean paletted() {
        return source.paletted();
    }

    /**
     * Whether the codec writes changed pixels back exactly: a PNG of 8 or 16 bits a sample, without palette or tRNS
     * colour key (a changed pixel that would take the key colour is moved off it). JPEG is lossy; PNG gray of 1, 2
     * or 4 bits rounds changes to its depth.
     */
    public boolean storesSamplesExactly() {
        return source.storesSamplesExactly();
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }

    Source source() {
        return source;
    }
}
