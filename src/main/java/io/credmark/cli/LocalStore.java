package io.credmark.cli;

import io.credmark.credential.CredentialLinks;
import io.credmark.app.ServiceNode;
import io.credmark.app.Settings;
import io.credmark.store.Database;
import io.credmark.store.StoreException;
import java.nio.file.Files;

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
        return settings.get("db.url").isPresent()
                || Files.exists(settings.dataDir().resolve(Database.DEFAULT_NAME + ".mv.db"));
    }

    /** The links the service writes: {@code public.url}, or the default local address. */
    static CredentialLinks links(Settings settings) {
        try {
            return new CredentialLinks(settings.get("public.url")
                    .orElse("http://localhost:" + settings.number("http.port", 8080)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Opens the store (creating and migrating it if need be), or says plainly why it cannot. */
    static ServiceNode open(Settings settings, String instead) {
        try {
            return ServiceNode.open(settings, links(settings));
        } catch (StoreException e) {
            throw explained(e, ServiceNode.databaseUrl(settings), instead);
        }
    }

    /** An H2 file a running service holds is locked: say so, and what to do {@code instead}. */
    static StoreException explained(StoreException e, String url, String instead) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("already in use") || message.contains("file is locked")) {
            return new StoreException("the database " + Database.redact(url) + " is in use by a running service; "
                    + instead, e);
        }
        return e;
    }
}
