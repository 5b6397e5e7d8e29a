package io.credmark.app;

import io.credmark.Limits;
import io.credmark.creators.ApiKeys;
import io.credmark.creators.Creators;
import io.credmark.creators.CredentialViews;
import io.credmark.creators.ModelRegistry;
import io.credmark.credential.CredentialLinks;
import io.credmark.credential.SignerName;
import io.credmark.issuance.Issuer;
import io.credmark.store.ApiKeyRepository;
import io.credmark.store.CreatorRepository;
import io.credmark.store.CredentialRepository;
import io.credmark.store.Database;
import io.credmark.store.DisclosureRepository;
import io.credmark.store.ModelRepository;
import io.credmark.verification.CredentialLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * One node of the service: the engine, the credential store and the use cases over them. Nodes that share a
 * PostgreSQL database agree on everything, because everything they know is in it.
 */
public final class ServiceNode implements AutoCloseable {

    private final Credmark engine;
    private final Database database;
    private final CredentialLinks links;
    private final CredentialViews views;
    private final Issuer issuer;
    private final CredentialLookup lookup;
    private final ApiKeys apiKeys;
    private final Creators creators;
    private final ModelRegistry models;

    private ServiceNode(Credmark engine, Database database, CredentialLinks links) {
        this.engine = engine;
        this.database = database;
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        DisclosureRepository disclosures = new DisclosureRepository(database);
        this.creators = new Creators(new CreatorRepository(database), disclosures, clock, random);
        this.models = new ModelRegistry(new ModelRepository(database), creators, disclosures, links, clock);
        this.links = links;
        this.views = new CredentialViews(new CredentialRepository(database), disclosures, creators, models, links,
                clock);
        this.issuer = new Issuer(engine.stamping(), disclosures, creators, models, links,
                SignerName.of(engine.signer().chain().get(0)), clock, random);
        this.lookup = new CredentialLookup(engine.verification(), disclosures, creators, views, links,
                engine.limits());
        this.apiKeys = new ApiKeys(new ApiKeyRepository(database), clock, random);
    }

    /**
     * Opens the engine and the database named by {@code db.url} (default: an H2 file in the data directory),
     * migrating its schema.
     */
    public static ServiceNode open(Settings settings, CredentialLinks links) {
        try {
            Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + settings.dataDir(), e);
        }
        Credmark engine = Credmark.open(settings);
        Database database = Database.open(databaseUrl(settings));
        return new ServiceNode(engine, database, links);
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
