package io.credmark.service;

import io.credmark.provenance.ProvenanceDocument;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to stamp an image and record its credential.
 *
 * @param sourceName the input's file name, if the client gave one (the title of a parent ingredient)
 * @param apiKeyName the key the request was authenticated with
 */
public record StampOrder(byte[] image, ProvenanceDocument provenance, StampOptions options,
        Optional<String> sourceName, String apiKeyName) {

    public StampOrder {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(apiKeyName, "apiKeyName");
    }
}
