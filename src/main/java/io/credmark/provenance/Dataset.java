package io.credmark.provenance;

/**
 * A dataset the model was trained or fine-tuned on.
 *
 * @param name    required
 * @param license optional licence name or SPDX identifier
 * @param url     optional http(s) URL
 */
public record Dataset(String name, String license, String url) {

    public Dataset {
        Require.nonBlank(name, "name");
    }
}
