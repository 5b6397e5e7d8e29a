package io.credmark.provenance;

/**
 * The creator of the model: the person or group who made and published it.
 *
 * @param handle      required; their handle on the marketplace or service, always public
 * @param displayName optional display name
 * @param url         optional http(s) URL of their profile or home page
 */
public record Creator(String handle, String displayName, String url) {

    public Creator {
        Require.nonBlank(handle, "creator.handle");
    }

    public static Creator of(String handle) {
        return new Creator(handle, null, null);
    }
}
