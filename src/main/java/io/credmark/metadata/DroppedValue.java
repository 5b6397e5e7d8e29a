package io.credmark.metadata;

/**
 * A value in the input's metadata that did not become a provenance field.
 *
 * @param what   the field it would have filled, or the generator's own key
 * @param source the chunk it came from
 * @param reason why it was left out
 */
public record DroppedValue(String what, String source, String reason) {
}
