package io.credmark.store;

import java.util.Optional;

/**
 * What verifying a file needs of a credential's record: whether it is this file, whose it is, and which manifest
 * and signer issued it.
 *
 * @param signerSha256 SHA-256 of the signing certificate (DER), lower-case hex; empty for a credential issued
 *                     before it was recorded
 */
public record IssuedCredential(long id, String sha256, String manifestLabel, String creatorHandle,
        Optional<String> signerSha256) {
}
