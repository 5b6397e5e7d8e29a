package io.credmark.cli;

import io.credmark.app.ServiceNode;
import io.credmark.app.Settings;
import io.credmark.credential.CredentialLinks;
import io.credmark.http.WebLinks;

/**
 * The credential store a data directory's service uses, for the commands that work against it offline: a stamp
 * with a watermark (which must lead back to a recorded credential) and a verify that recovers credentials from
 * watermarks.
 */
final class LocalStore {

    private LocalStore() {
    }

    /** Whether there is a store to use: a configured database, or the default H2 file in the data directory. */
    static boolean exists(Settings settings) {
        return ServiceNode.hasDatabase(settings);
    }

    /** The links the service writes: {@code public.url}, or the default local address. */
    static CredentialLinks links(Settings settings) {
        try {
            return new WebLinks(settings.get("public.url")
                    .orElse("http://localhost:" + settings.number("http.port", 8080)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Opens the store (creating and migrating it if need be), or says plainly why it cannot. */
    static ServiceNode open(Settings settings, String instead) {
        return ServiceNode.openOffline(settings, links(settings), instead);
    }
}
