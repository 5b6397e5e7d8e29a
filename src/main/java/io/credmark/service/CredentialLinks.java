package io.credmark.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where this installation's credentials live on the web ({@code public.url}): the base that credential pages, and
 * the links written into manifests, are made from.
 */
public record CredentialLinks(String base) {

    public CredentialLinks {
        base = normalise(base);
    }

    /** The credential's page for people: {@code BASE/c/ID}. */
    public String page(CredentialId id) {
        return base + "/c/" + id.text();
    }

    /** The credential's JSON: {@code BASE/v1/credentials/ID}. */
    public String json(CredentialId id) {
        return base + "/v1/credentials/" + id.text();
    }

    /** The claim thumbnail of the image the credential was issued with: {@code BASE/c/ID/thumbnail.jpg}. */
    public String thumbnail(CredentialId id) {
        return base + "/c/" + id.text() + "/thumbnail.jpg";
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
