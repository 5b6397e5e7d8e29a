package io.credmark.app;

import io.credmark.access.ApiKeys;
import io.credmark.store.ApiKeyRepository;
import io.credmark.store.Database;
import io.credmark.store.StoreException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The API keys of an installation's database, opened on their own to manage them from the command line: managing
 * keys needs neither the signer nor the trust anchors a whole {@link ServiceNode} opens.
 */
public final class OfflineKeys implements AutoCloseable {

    private final Database database;
    private final ApiKeys apiKeys;

    private OfflineKeys(Database database) {
        this.database = database;
        this.apiKeys = new ApiKeys(new ApiKeyRepository(database), Clock.systemUTC(), new SecureRandom());
    }

    /**
     * Opens the database the settings name, with a small pool.
     *
     * @param instead what to do instead when a running service holds the database
     * @throws ConfigurationException when {@code db.url} is not a database URL credmark can use
     */
    public static OfflineKeys open(Settings settings, String instead) {
        String url = ServiceNode.databaseUrl(settings);
        try {
            return new OfflineKeys(ServiceNode.openDatabase(url, 2));
        } catch (StoreException e) {
            throw ServiceNode.explained(e, url, instead);
        }
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    @Override
    public void close() {
        database.close();
    }
}
