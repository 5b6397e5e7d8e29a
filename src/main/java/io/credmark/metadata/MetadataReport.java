package io.credmark.metadata;

import java.util.List;
import java.util.Optional;

/**
 * What a stamp did with the input's metadata, for the stamp answer.
 *
 * @param generators    the front ends whose metadata was recognised
 * @param imported      the provenance fields filled from it
 * @param dropped       the values not taken, with the reason
 * @param removed       each generator chunk or value taken out of the file
 * @param removalReason why they were
 */
public record MetadataReport(List<String> generators, List<ImportedField> imported, List<DroppedValue> dropped,
        List<String> removed, Optional<String> removalReason) {

    public static final MetadataReport NONE = new MetadataReport(List.of(), List.of(), List.of(), List.of(),
            Optional.empty());

    public MetadataReport {
        generators = List.copyOf(generators);
        imported = List.copyOf(imported);
        dropped = List.copyOf(dropped);
        removed = List.copyOf(removed);
    }
}
