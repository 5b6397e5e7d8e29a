package io.credmark.store;

/** What verifying a file needs of a credential's record: whether it is this file, and whose it is. */
public record IssuedCredential(long id, String sha256, String manifestLabel, String creatorHandle) {
}
