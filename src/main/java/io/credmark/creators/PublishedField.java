package io.credmark.creators;

/**
 * A field that is no longer public but was public when some credentials were stamped, so that its value travels
 * readable inside those files: the service stops showing it, but copies already published cannot be recalled.
 *
 * @param credentials how many of the affected credentials carry it in their files
 */
public record PublishedField(String path, long credentials) {
}
