package io.credmark.provenance;

import java.util.Objects;

/**
 * One thing wrong with a provenance document.
 *
 * @param path    where, e.g. {@code lineage.adapters[1].weight}; empty when it concerns the document as a whole
 * @param message what is wrong, one line, safe to show to the caller
 */
public record Problem(String path, String message) {

    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}, or just the message for the document as a whole. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
