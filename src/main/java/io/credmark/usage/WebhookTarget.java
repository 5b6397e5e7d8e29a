package io.credmark.usage;

import io.credmark.InvalidInputException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs a webhook may point to. Deliveries are made from inside the service's network, so by default only
 * {@code https} to public addresses: no plain {@code http}, no loopback, private, link-local or wildcard address
 * (which would let a creator make the service call its neighbours). {@code webhooks.allowInsecure} lifts both, for
 * a receiver on the service's own network.
 */
public final class WebhookTarget {

    public static final int MAX_URL = 1000;

    private final boolean allowInsecure;

    public WebhookTarget(boolean allowInsecure) {
        this.allowInsecure = allowInsecure;
    }

    /**
     * Checks the URL, resolving its host: at registration and again before every delivery, since a name may come to
     * resolve elsewhere.
     *
     * @throws InvalidInputException naming what is not allowed
     */
    public URI check(String url) {
        if (url == null || url.length() > MAX_URL || url.chars().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c))) {
            throw invalid("url", "expected an absolute URL of at most " + MAX_URL + " characters");
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("url", "not a URL (" + e.getReason() + ")");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw invalid("url", "expected an absolute https URL");
        }
        if (u.getUserInfo() != null) {
            throw invalid("url", "must not carry a user name or password");
        }
        if (scheme.equals("http") && !allowInsecure) {
            throw invalid("url", "must be https (plain http is allowed only when the service's webhooks.allowInsecure"
                    + " setting is true)");
        }
        if (!allowInsecure) {
            try {
                for (InetAddress a : InetAddress.getAllByName(u.getHost())) {
                    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                            || a.isAnyLocalAddress() || a.isMulticastAddress() || isUniqueLocal(a)) {
                        throw invalid("url", u.getHost() + " is a loopback, private or local address; webhooks"
                                + " go to public addresses (unless webhooks.allowInsecure is true)");
                    }
                }
            } catch (UnknownHostException e) {
                throw invalid("url", "the host " + u.getHost() + " cannot be resolved");
            }
        }
        return u;
    }

    /** IPv6 unique local addresses (fc00::/7), which Java does not call site-local. */
    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    private static InvalidInputException invalid(String path, String problem) {
        return InvalidInputException.invalidDocument(path, problem);
    }
}
