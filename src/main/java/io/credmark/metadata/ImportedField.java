package io.credmark.metadata;

/**
 * A provenance field taken from the input's own metadata.
 *
 * @param path      the field, e.g. {@code generation.seed}
 * @param source    the chunk it came from, e.g. {@code PNG tEXt "prompt"}
 * @param generator the front end that wrote it, e.g. {@code ComfyUI}
 */
public record ImportedField(String path, String source, String generator) {
}
