package io.credmark.credential;

/**
 * Where this installation's credentials and models live on the web: the links written into manifests and shown
 * in views. The HTTP edge, which owns the routes, makes them.
 */
public interface CredentialLinks {

    /** The public base URL, without a trailing slash. */
    String base();

    /** The credential's page for people. */
    String page(CredentialId id);

    /** The claim thumbnail of the image the credential was issued with. */
    String thumbnail(CredentialId id);

    /** The credential's JSON. */
    String json(CredentialId id);

    /** The page of a registered model for people. */
    String modelPage(String modelId);

    /** The registered model's JSON. */
    String modelJson(String modelId);

    /** A creator's public page, which their identity certificate names. */
    String creatorPage(String handle);
}
