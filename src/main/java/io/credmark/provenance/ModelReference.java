package io.credmark.provenance;

/**
 * A model named in the lineage: an entry of {@code lineage.baseModels} or the {@code model} of a merge.
 *
 * <p>In JSON either a plain string (the name) or an object; canonical JSON always writes the object.
 *
 * @param name    the model's name; required unless {@code modelId} is given
 * @param version optional version label
 * @param hash    optional hash of its weights
 * @param url     optional http(s) URL of its page
 * @param modelId optional id of a model registered with the service, for references the service can resolve
 */
public record ModelReference(String name, String version, ModelHash hash, String url, String modelId) {

    public ModelReference {
        if (name == null && modelId == null) {
            throw new IllegalArgumentException("a model reference needs a name or a modelId");
        }
        if (name != null) {
            Require.nonBlank(name, "name");
        }
        if (modelId != null && !ModelIds.isValid(modelId)) {
            throw new IllegalArgumentException("invalid modelId \"" + modelId + "\"");
        }
    }

    public static ModelReference named(String name) {
        return new ModelReference(name, null, null, null, null);
    }

    /** Whether this reference is nothing but a name, as the plain-string form can express. */
    public boolean isNameOnly() {
        return version == null && hash == null && url == null && modelId == null;
    }
}
