package io.credmark.provenance;

/**
 * The model that generated the image.
 *
 * @param name    required, always public
 * @param version optional version label
 * @param hash    optional hash of the weights file
 * @param url     optional http(s) URL of the model page
 */
public record Model(String name, String version, ModelHash hash, String url) {

    public Model {
        Require.nonBlank(name, "model.name");
    }

    public static Model of(String name) {
        return new Model(name, null, null, null);
    }
}
