package io.credmark.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered model as stored.
 *
 * @param id         {@code HANDLE:SLUG}
 * @param name       the model's name (from the record, for listings)
 * @param recordJson the registry record: a provenance document without generation, canonical JSON
 * @param revision   1 for the first version, one more for each replacement
 */
public record ModelRecord(String id, String creatorHandle, String name, String recordJson, int revision,
        Instant createdAt, Instant updatedAt) {

    public ModelRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(creatorHandle, "creatorHandle");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(recordJson, "recordJson");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
