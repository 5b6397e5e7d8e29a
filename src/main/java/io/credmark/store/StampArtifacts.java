package io.credmark.store;

import java.util.OptionalLong;

/**
 * What a stamp produced besides its record.
 *
 * @param manifestStore the C2PA manifest store embedded in the file, as written (JUMBF)
 * @param watermarkId   the id the image's invisible watermark carries, when it carries one
 */
public record StampArtifacts(byte[] manifestStore, OptionalLong watermarkId) {
}
