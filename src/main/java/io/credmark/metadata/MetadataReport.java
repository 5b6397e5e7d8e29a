package io.credmark.metadata;

import java.util.List;
import java.util.Optional;

/**
 * What a stamp did with the input's metadata, for the stamp answer.
 *
 * @param removed       each generator chunk or value taken out of the file
 * @param removalReason why they were
 */
public record MetadataReport(List<String> removed, Optional<String> removalReason) {

    public static final MetadataReport NONE = new MetadataReport(List.of(), Optional.empty());

    public MetadataReport {
        removed = List.copyOf(removed);
    }
}
