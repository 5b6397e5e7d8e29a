package io.credmark.container;

import io.credmark.InvalidInputException;
import io.credmark.container.jpeg.JpegHandler;
import io.credmark.container.png.PngHandler;

/** Picks the handler for a file by its content. */
public final class AssetHandlers {

    private static final PngHandler PNG = new PngHandler();
    private static final JpegHandler JPEG = new JpegHandler();

    private AssetHandlers() {
    }

    public static AssetHandler of(ImageFormat format) {
        return switch (format) {
            case PNG -> PNG;
            case JPEG -> JPEG;
        };
    }

    public static AssetHandler detect(byte[] file) {
        if (file.length == 0) {
            throw new InvalidInputException(InvalidInputException.Kind.UNSUPPORTED_FORMAT, "the file is empty");
        }
        return ImageFormat.detect(file).map(AssetHandlers::of).orElseThrow(() -> new InvalidInputException(
                InvalidInputException.Kind.UNSUPPORTED_FORMAT, "not a PNG or JPEG image (unrecognised leading bytes)"));
    }

    /** Detects the format and reads the container in one step. */
    public static ParsedImage read(byte[] file) {
        return detect(file).read(file);
    }
}
