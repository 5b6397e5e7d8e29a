package io.credmark.store;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a stamp produced besides its record.
 *
 * @param manifestStore the C2PA manifest store embedded in the file, as written (JUMBF)
 * @param watermarkId   the id the image's invisible watermark carries, when it carries one
 * @param identity      the creator's identity signature, when the manifest carries one
 */
public record StampArtifacts(byte[] manifestStore, OptionalLong watermarkId,
        Optional<CreatorIdentityRepository.ConfirmedRecord> identity) {

    public StampArtifacts(byte[] manifestStore, OptionalLong watermarkId) {
        this(manifestStore, watermarkId, Optional.empty());
    }
}
