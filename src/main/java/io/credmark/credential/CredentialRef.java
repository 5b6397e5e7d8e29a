package io.credmark.credential;

/** The credential record a stamp belongs to, written into the manifest so that offline readers can find it. */
public record CredentialRef(String id, String url) {
}
