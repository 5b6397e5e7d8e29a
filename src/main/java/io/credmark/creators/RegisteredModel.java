package io.credmark.creators;

import io.credmark.provenance.ProvenanceDocument;
import java.time.Instant;

/**
 * A model in the registry.
 *
 * @param id       {@code HANDLE:SLUG}
 * @param record   the registry record: creator, model, lineage and usage (no generation)
 * @param revision 1 for the first version, one more for each replacement
 */
public record RegisteredModel(String id, String creatorHandle, ProvenanceDocument record, int revision,
        Instant createdAt, Instant updatedAt) {

    public String slug() {
        return id.substring(id.indexOf(':') + 1);
    }

    public String name() {
        return record.model().name();
    }
}
