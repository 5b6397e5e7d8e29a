package io.credmark;

/**
 * Input that credmark cannot accept: not an image, a damaged container, an over-long length field, a malformed
 * provenance document. The message is one line, names what is wrong, and is safe to show to the caller.
 *
 * <p>The {@link Kind} tells the edges how to answer: the CLI exits with 2, the HTTP layer picks the status code.
 */
public class InvalidInputException extends RuntimeException {

    /** What sort of problem it is, so that HTTP and CLI can answer without parsing messages. */
    public enum Kind {
        /** The bytes are not a supported image format (PNG, JPEG). */
        UNSUPPORTED_FORMAT,
        /** The image container (chunks, segments, boxes) is damaged or violates a limit. */
        MALFORMED_IMAGE,
        /** The image is larger than a configured limit (pixels, bytes). */
        TOO_LARGE,
        /** A provenance, options or evidence document is invalid; the message names the JSON path. */
        INVALID_DOCUMENT,
        /** Anything else the caller sent that cannot be used. */
        BAD_REQUEST
    }

    private final Kind kind;
    private final String path;
    private final String problem;

    public InvalidInputException(Kind kind, String message) {
        this(kind, "", message, null);
    }

    public InvalidInputException(Kind kind, String message, Throwable cause) {
        this(kind, "", message, cause);
    }

    private InvalidInputException(Kind kind, String path, String problem, Throwable cause) {
        super(path.isEmpty() ? problem : path + ": " + problem, cause);
        this.kind = kind;
        this.path = path;
        this.problem = problem;
    }

    /**
     * A document that is invalid at {@code path}, the JSON path of the member at fault (e.g. {@code
     * options.watermark}); the message reads {@code path: problem}.
     */
    public static InvalidInputException invalidDocument(String path, String problem) {
        return new InvalidInputException(Kind.INVALID_DOCUMENT, path, problem, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON path of the member at fault, or {@code ""} when the problem is not with one member. */
    public String path() {
        return path;
    }

    /** What is wrong, without the {@link #path()}. */
    public String problem() {
        return problem;
    }
}
