package io.credmark.http;

import io.credmark.credential.CredentialId;
import io.credmark.credential.CredentialLinks;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where this installation's credentials and models live on the web ({@code public.url}): the base that pages, and
 * the links written into manifests, are made from, with the paths of {@link Routes}.
 */
public record WebLinks(String base) implements CredentialLinks {

    public WebLinks {
        base = normalise(base);
    }

    /** The credential's page for people: {@code BASE/c/ID}. */
    @Override
    public String page(CredentialId id) {
        return base + Routes.path(Routes.CREDENTIAL_PAGE, id.text());
    }

    /** The credential's JSON: {@code BASE/v1/credentials/ID}. */
    @Override
    public String json(CredentialId id) {
        return base + Routes.path(Routes.CREDENTIAL, id.text());
    }

    /** The page of a registered model for people: {@code BASE/m/ID}. */
    @Override
    public String modelPage(String modelId) {
        return base + Routes.path(Routes.MODEL_PAGE, modelId);
    }

    /** The model's JSON: {@code BASE/v1/creators/HANDLE/models/ID}. */
    @Override
    public String modelJson(String modelId) {
        return base + Routes.path(Routes.MODEL, modelId.substring(0, modelId.indexOf(':')), modelId);
    }

    /** A creator's public page: {@code BASE/u/HANDLE}. */
    @Override
    public String creatorPage(String handle) {
        return base + Routes.path(Routes.CREATOR_PAGE, handle);
    }

    /** The claim thumbnail of the image the credential was issued with: {@code BASE/c/ID/thumbnail.jpg}. */
    @Override
    public String thumbnail(CredentialId id) {
        return base + Routes.path(Routes.CREDENTIAL_THUMBNAIL, id.text());
    }

    private static String normalise(String base) {
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("public.url is not a URL: " + base);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("public.url must be an http(s) URL without query or fragment: " + base);
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
