package io.credmark.pixels.jpeg;

import io.credmark.InvalidInputException;

/** The two ways a JPEG is refused: damaged (MALFORMED_IMAGE) or a kind this codec cannot write back. */
final class JpegErrors {

    private JpegErrors() {
    }

    static InvalidInputException malformed(String message) {
        return new InvalidInputException(InvalidInputException.Kind.MALFORMED_IMAGE, message);
    }

    static InvalidInputException malformed(String message, Throwable cause) {
        return new InvalidInputException(InvalidInputException.Kind.MALFORMED_IMAGE, message, cause);
    }

    static InvalidInputException unsupported(String message) {
        return new InvalidInputException(InvalidInputException.Kind.UNSUPPORTED_FORMAT, message);
    }
}
