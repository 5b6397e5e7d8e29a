package io.credmark.service;

import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.provenance.ProvenanceDocument;
import java.util.Optional;

/**
 * What to stamp.
 *
 * @param image           PNG or JPEG bytes
 * @param credential      the credential record, when a store keeps one
 * @param sourceName      a name for the input, used as the title of a parent ingredient (e.g. the file name)
 * @param disclosure      the level of each provenance field; public fields travel readable in the file
 */
public record StampRequest(byte[] image, ProvenanceDocument provenance, Optional<CredentialRef> credential,
        Optional<String> sourceName, DisclosurePolicy disclosure) {

    public StampRequest(byte[] image, ProvenanceDocument provenance, Optional<CredentialRef> credential,
            Optional<String> sourceName) {
        this(image, provenance, credential, sourceName, DisclosurePolicy.ALL_PUBLIC);
    }

    public static StampRequest of(byte[] image, ProvenanceDocument provenance) {
        return new StampRequest(image, provenance, Optional.empty(), Optional.empty());
    }

    public StampRequest withDisclosure(DisclosurePolicy policy) {
        return new StampRequest(image, provenance, credential, sourceName, policy);
    }
}
