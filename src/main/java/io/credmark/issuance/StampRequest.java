package io.credmark.issuance;

import io.credmark.c2pa.sign.Signer;
import io.credmark.credential.CredentialRef;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.provenance.ProvenanceDocument;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What to stamp.
 *
 * @param image           PNG or JPEG bytes
 * @param credential      the credential record, when a store keeps one
 * @param sourceName      a name for the input, used as the title of a parent ingredient (e.g. the file name)
 * @param disclosure      the level of each provenance field; public fields travel readable in the file
 * @param options         pixel changes: the visible mark, the watermark
 * @param watermarkId     the 48-bit id the watermark carries, when {@code options} ask for one: it must lead back to
 *                        the credential, so only a stamp whose credential is recorded can have one
 * @param identity        the creator's identity credential, when the creator allows this stamp to sign with it: the
 *                        manifest then carries a CAWG identity assertion it signs
 */
public record StampRequest(byte[] image, ProvenanceDocument provenance, Optional<CredentialRef> credential,
        Optional<String> sourceName, DisclosurePolicy disclosure, StampOptions options, OptionalLong watermarkId,
        Optional<Signer> identity) {

    public StampRequest(byte[] image, ProvenanceDocument provenance, Optional<CredentialRef> credential,
            Optional<String> sourceName, DisclosurePolicy disclosure, StampOptions options, OptionalLong watermarkId) {
        this(image, provenance, credential, sourceName, disclosure, options, watermarkId, Optional.empty());
    }

    public StampRequest(byte[] image, ProvenanceDocument provenance, Optional<CredentialRef> credential,
            Optional<String> sourceName, DisclosurePolicy disclosure, StampOptions options) {
        this(image, provenance, credential, sourceName, disclosure, options, OptionalLong.empty());
    }

    public StampRequest(byte[] image, ProvenanceDocument provenance, Optional<CredentialRef> credential,
            Optional<String> sourceName, DisclosurePolicy disclosure) {
        this(image, provenance, credential, sourceName, disclosure, StampOptions.METADATA_ONLY);
    }

    public StampRequest(byte[] image, ProvenanceDocument provenance, Optional<CredentialRef> credential,
            Optional<String> sourceName) {
        this(image, provenance, credential, sourceName, DisclosurePolicy.ALL_PUBLIC);
    }

    public StampRequest withOptions(StampOptions newOptions) {
        return new StampRequest(image, provenance, credential, sourceName, disclosure, newOptions,
                watermarkId, identity);
    }

    public static StampRequest of(byte[] image, ProvenanceDocument provenance) {
        return new StampRequest(image, provenance, Optional.empty(), Optional.empty());
    }

    public StampRequest withProvenance(ProvenanceDocument newProvenance) {
        return new StampRequest(image, newProvenance, credential, sourceName, disclosure, options,
                watermarkId, identity);
    }

    public StampRequest withDisclosure(DisclosurePolicy policy) {
        return new StampRequest(image, provenance, credential, sourceName, policy, options,
                watermarkId, identity);
    }

    public StampRequest withIdentity(Optional<Signer> creatorIdentity) {
        return new StampRequest(image, provenance, credential, sourceName, disclosure, options, watermarkId,
                creatorIdentity);
    }
}
