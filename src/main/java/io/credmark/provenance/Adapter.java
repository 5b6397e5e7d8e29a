package io.credmark.provenance;

/**
 * An add-on network applied during generation (LoRA, embedding, ControlNet, …).
 *
 * @param kind    optional sort of adapter
 * @param name    required
 * @param weight  optional strength it was applied with (may be negative)
 * @param hash    optional hash of its file, same rules as {@code model.hash}
 * @param creator optional handle of whoever made the adapter
 */
public record Adapter(AdapterKind kind, String name, Double weight, ModelHash hash, String creator) {

    public Adapter {
        Require.nonBlank(name, "name");
        Require.finite(weight, "weight");
    }
}
