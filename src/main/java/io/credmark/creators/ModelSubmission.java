package io.credmark.creators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A model's record as a creator submits it: a provenance document without {@code generation} ({@code creator} with
 * the registering creator's handle, {@code model}, {@code lineage}, {@code usage}), checked by the provenance parser,
 * and on creation the slug chosen for its id.
 */
public record ModelSubmission(Optional<String> slug, ObjectNode record) {

    public ModelSubmission {
        record = record.deepCopy();
    }

    /** The record, as a copy the registry may complete; it must be {@code creator}'s. */
    ObjectNode record(CreatorAccount creator) {
        if (!creator.handle().equals(record.path("creator").path("handle").asText())) {
            throw new IllegalArgumentException("the submission is not " + creator.handle() + "'s");
        }
        return record.deepCopy();
    }
}
