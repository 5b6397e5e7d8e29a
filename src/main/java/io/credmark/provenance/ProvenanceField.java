package io.credmark.provenance;

import java.util.List;
import java.util.Objects;

/**
 * One addressable field of a provenance document: the unit a creator discloses or hides.
 *
 * @param path        dotted path, e.g. {@code generation.seed} or {@code lineage.fineTuning.method}
 * @param type        the shape of its value
 * @param identity    whether it identifies the credential ({@code creator.handle}, {@code model.name}) and is
 *                    therefore always public
 * @param description one sentence for creators choosing what to disclose
 */
public record ProvenanceField(String path, FieldType type, boolean identity, String description) {

    public ProvenanceField {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    /** The member names along the path, e.g. {@code [lineage, fineTuning, method]}. */
    public List<String> segments() {
        return List.of(path.split("\\."));
    }
}
