package io.credmark.issuance;

import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.provenance.ProvenanceDocument;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to stamp an image and record its credential.
 *
 * @param provenance a whole provenance document, or a registered model and the generation section
 * @param disclosure levels the request asks for; they can make the creator's policy stricter, never looser
 * @param sourceName the input's file name, if the client gave one (the title of a parent ingredient)
 * @param apiKeyName the key the request was authenticated with
 */
public record StampOrder(byte[] image, ProvenanceInput provenance, StampOptions options, DisclosurePolicy disclosure,
        Optional<String> sourceName, String apiKeyName) {

    public StampOrder {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(disclosure, "disclosure");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(apiKeyName, "apiKeyName");
    }

    public StampOrder(byte[] image, ProvenanceDocument provenance, StampOptions options, Optional<String> sourceName,
            String apiKeyName) {
        this(image, new ProvenanceInput.Spelled(provenance), options, DisclosurePolicy.ALL_PUBLIC, sourceName,
                apiKeyName);
    }
}
