package io.credmark.app;

import io.credmark.Limits;
import io.credmark.access.ApiKeys;
import io.credmark.creators.CreatorIdentities;
import io.credmark.creators.Creators;
import io.credmark.creators.CredentialViews;
import io.credmark.creators.ModelRegistry;
import io.credmark.credential.CredentialLinks;
import io.credmark.issuance.Issuer;
import io.credmark.store.ApiKeyRepository;
import io.credmark.store.CreatorIdentityRepository;
import io.credmark.store.CreatorProfileRepository;
import io.credmark.store.CreatorRepository;
import io.credmark.store.CredentialStore;
import io.credmark.store.Database;
import io.credmark.store.DatabaseInUseException;
import io.credmark.store.ModelRepository;
import io.credmark.store.StoreException;
import io.credmark.store.ValueSealer;
import io.credmark.verification.CredentialLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * One node of the service: the engine, the credential store and the use cases over them. Nodes that share a
 * PostgreSQL database agree on everything, because everything they know is in it.
 */
public final class ServiceNode implements AutoCloseable {

    private final Credmark engine;
    private final Database database;
    private final CredentialStore credentials;
    private final CredentialLinks links;
    private final CredentialViews views;
    private final Issuer issuer;
    private final CredentialLookup lookup;
    private final ApiKeys apiKeys;
    private final Creators creators;
    private final ModelRegistry models;
    private final CreatorIdentities identities;

    private ServiceNode(Credmark engine, Database database, ValueSealer sealer, CredentialLinks links) {
        this.engine = engine;
        this.database = database;
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        CredentialStore store = new CredentialStore(database, sealer);
        this.credentials = store;
        this.creators = new Creators(new CreatorRepository(database), store, clock, random);
        this.models = new ModelRegistry(new ModelRepository(database), creators, store, links,
                engine.timeStamping(), engine.trustAnchors(), clock);
        this.links = links;
        // evidence bundles carry each chain up to its root: the signer's and the TSA's, and the creator identities'
        this.views = new CredentialViews(store, creators, models, links, engine.credentialEvidence(), clock);
        ApiKeyRepository keys = new ApiKeyRepository(database);
        this.identities = new CreatorIdentities(new CreatorIdentityRepository(database, sealer),
                new CreatorProfileRepository(database), creators, engine.identityCa(), engine.pkcs11Token(), links,
                name -> keys.find(name).filter(k -> k.revokedAt().isEmpty()).isPresent(), clock);
        this.issuer = new Issuer(engine.stamping(), store, creators, models, links, identities, clock, random);
        this.lookup = new CredentialLookup(engine.verification(), store, creators, views, links,
                engine.limits());
        this.apiKeys = new ApiKeys(keys, clock, random);
    }

    /**
     * Opens the engine and the database named by {@code db.url} (default: an H2 file in the data directory),
     * migrating its schema.
     */
    public static ServiceNode open(Settings settings, CredentialLinks links) {
        DataDirectory.create(settings.dataDir());
        Credmark engine = Credmark.open(settings);
        ValueSealer sealer = storeKey(settings);
        Database database = openDatabase(databaseUrl(settings), 10);
        if (databaseUrl(settings).equals(Database.defaultUrl(settings.dataDir()))) {
            DataDirectory.restrict(settings.dataDir(), Database.DEFAULT_NAME);
        }
        ServiceNode node = new ServiceNode(engine, database, sealer, links);
        node.credentials.sealStoredValues();
        return node;
    }

    /**
     * The key that seals private values in the database: the file {@code store.key} names, or {@code store.key} in
     * the data directory, made on first use. It is kept apart from the database so that a copy of the database
     * alone reveals no private value; nodes that share a database must share it.
     */
    private static ValueSealer storeKey(Settings s) {
        Optional<Path> configured = s.path("store.key");
        try {
            return configured.isPresent() ? ValueSealer.read(configured.get()) : ValueSealer.openOrCreate(s.dataDir());
        } catch (IOException e) {
            throw new ConfigurationException("the store key " + configured.map(Path::toString)
                    .orElse(ValueSealer.FILE_NAME + " in the data directory") + " cannot be read", e);
        }
    }

    /**
     * Opens a node over the data directory's database for a command that works offline, or says plainly why it
     * cannot.
     *
     * @param instead what to do instead when a running service holds the database
     */
    public static ServiceNode openOffline(Settings settings, CredentialLinks links, String instead) {
        try {
            return open(settings, links);
        } catch (StoreException e) {
            throw explained(e, databaseUrl(settings), instead);
        }
    }

    /** Opens the database at {@code url}; a URL credmark cannot use is a configuration error of {@code db.url}. */
    static Database openDatabase(String url, int maxConnections) {
        try {
            return Database.open(url, maxConnections);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /** Whether there is a database to use: a configured one, or the default H2 file in the data directory. */
    public static boolean hasDatabase(Settings settings) {
        return settings.get("db.url").isPresent()
                || Files.exists(settings.dataDir().resolve(Database.DEFAULT_NAME + ".mv.db"));
    }

    /** An H2 file a running service holds is locked: say so, and what to do {@code instead}. */
    static StoreException explained(StoreException e, String url, String instead) {
        if (e instanceof DatabaseInUseException) {
            return new StoreException("the database " + Database.redact(url) + " is in use by a running service; "
                    + instead, e);
        }
        return e;
    }

    /** The database a node with these settings uses. */
    public static String databaseUrl(Settings settings) {
        return settings.get("db.url").orElseGet(() -> Database.defaultUrl(settings.dataDir()));
    }

    public Credmark engine() {
        return engine;
    }

    public Database database() {
        return database;
    }

    /** The credential records, read and written with this installation's store key. */
    public CredentialStore credentials() {
        return credentials;
    }

    /** Adds the database connection pool's meters (HikariCP) to a registry. */
    public void recordPoolMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        database.recordPoolMetrics(registry);
    }

    /** Whether the database answers now. */
    public boolean databaseReachable() {
        return database.isReachable();
    }

    /** Which database the node uses: {@code postgresql} or {@code h2}. */
    public String databaseKind() {
        return database.isPostgres() ? "postgresql" : "h2";
    }

    /** The database as people are told of it, its password left out. */
    public String databaseDescription() {
        return database.description();
    }

    /** Where this node's credentials live on the web. */
    public CredentialLinks links() {
        return links;
    }

    /** Stamps and records credentials. */
    public Issuer issuer() {
        return issuer;
    }

    /** Verifies images against the records, and finds credentials by watermark. */
    public CredentialLookup lookup() {
        return lookup;
    }

    /** Credentials as each viewer may see them, and their creators' say over them. */
    public CredentialViews views() {
        return views;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public Creators creators() {
        return creators;
    }

    public ModelRegistry models() {
        return models;
    }

    /** Creators' identity credentials and the front ends they allow to sign with them. */
    public CreatorIdentities identities() {
        return identities;
    }

    public Settings settings() {
        return engine.settings();
    }

    public Limits limits() {
        return engine.limits();
    }

    @Override
    public void close() {
        database.close();
    }
}
