package io.credmark.provenance;

/**
 * Credit to another person who contributed to the model.
 *
 * @param handle required; their handle
 * @param role   optional, e.g. {@code dataset curation}
 * @param note   optional free text
 */
public record Credit(String handle, String role, String note) {

    public Credit {
        Require.nonBlank(handle, "handle");
    }
}
