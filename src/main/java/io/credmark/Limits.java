package io.credmark;

import io.credmark.InvalidInputException;
import io.credmark.container.ImageHeader;

/**
 * How much an upload may be: bytes, and pixels as the header declares them (checked before anything is decoded).
 */
public record Limits(long maxBytes, long maxPixels) {

    public static final Limits DEFAULT = new Limits(50L << 20, 100_000_000L);

    public void checkBytes(long bytes) {
        if (bytes > maxBytes) {
            throw new InvalidInputException(InvalidInputException.Kind.TOO_LARGE,
                    "the image is " + bytes + " bytes; the limit is " + maxBytes);
        }
    }

    public void checkPixels(ImageHeader header) {
        if (header.pixels() > maxPixels) {
            throw new InvalidInputException(InvalidInputException.Kind.TOO_LARGE, "the image is " + header.width()
                    + "x" + header.height() + " (" + header.pixels() + " pixels); the limit is " + maxPixels);
        }
    }
}
