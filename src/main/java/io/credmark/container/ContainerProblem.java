package io.credmark.container;

/**
 * Damage found while reading a container that does not stop reading it (metadata-extractor style: partial results
 * plus recorded errors). A stamp refuses damaged input; a verification reports it and carries on.
 */
public record ContainerProblem(long offset, String message) {

    @Override
    public String toString() {
        return message + " (at byte " + offset + ")";
    }
}
