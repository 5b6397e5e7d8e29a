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
 * @param xmp           the XMP properties written
 * @param xmpNotes      what could not be written into XMP, and why
 * @param trainingMining the training and data mining uses stated in the manifest
 * @param thumbnail     whether the manifest carries a claim thumbnail, or why not when one was wanted
 */
public record MetadataReport(List<String> generators, List<ImportedField> imported, List<DroppedValue> dropped,
        List<String> removed, Optional<String> removalReason, List<String> xmp, List<String> xmpNotes,
        TrainingMining trainingMining, Thumbnail thumbnail) {

    /** The claim thumbnail's fate. */
    public record Thumbnail(boolean embedded, Optional<String> reason) {

        public static final Thumbnail NOT_ASKED = new Thumbnail(false, Optional.empty());
        public static final Thumbnail EMBEDDED = new Thumbnail(true, Optional.empty());
    }

    public MetadataReport {
        generators = List.copyOf(generators);
        imported = List.copyOf(imported);
        dropped = List.copyOf(dropped);
        removed = List.copyOf(removed);
        xmp = List.copyOf(xmp);
        xmpNotes = List.copyOf(xmpNotes);
    }
}
