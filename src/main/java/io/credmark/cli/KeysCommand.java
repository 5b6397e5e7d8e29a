package io.credmark.cli;

import io.credmark.pki.DevelopmentCa;
import io.credmark.creators.ApiKey;
import io.credmark.creators.ApiKeys;
import io.credmark.creators.NewApiKey;
import io.credmark.app.ServiceNode;
import io.credmark.app.Settings;
import io.credmark.store.ApiKeyRepository;
import io.credmark.store.ApiKeyRole;
import io.credmark.store.Database;
import io.credmark.store.StoreException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code keys root}: the development root certificate, the trust anchor verifiers need for credmark's stamps.
 * {@code keys create-api-key | revoke-api-key | list-api-keys}: API keys in the service's database.
 */
final class KeysCommand {

    private final Map<String, String> env;

    KeysCommand(Map<String, String> env) {
        this.env = env;
    }

    int run(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty()) {
            throw new UsageException("keys needs a subcommand: root, create-api-key, revoke-api-key, list-api-keys");
        }
        List<String> rest = argv.subList(1, argv.size());
        return switch (argv.get(0)) {
            case "root" -> {
                Args args = parse(rest, Set.of("data"));
                Settings settings = Settings.resolve(args.option("data"), Map.of(), env);
                out.print(DevelopmentCa.openOrCreate(settings.dataDir()).rootPem());
                yield 0;
            }
            case "create-api-key" -> {
                Args args = parse(rest, Set.of("name", "role", "data", "db"));
                ApiKeyRole role = args.option("role").map(r -> ApiKeyRole.byWireName(r)
                        .orElseThrow(() -> new UsageException("--role must be stamp or admin"))).orElse(ApiKeyRole.STAMP);
                String name = args.required("name");
                try (Database db = open(args)) {
                    NewApiKey key = apiKeys(db).create(name, role);
                    err.println("credmark: created the API key '" + name + "' (role " + role.wireName()
                            + "); it is shown only this once:");
                    out.println(key.secret());
                }
                yield 0;
            }
            case "revoke-api-key" -> {
                Args args = parse(rest, Set.of("name", "data", "db"));
                String name = args.required("name");
                try (Database db = open(args)) {
                    ApiKey key = apiKeys(db).revoke(name)
                            .orElseThrow(() -> new UsageException("no API key named '" + name + "'"));
                    out.println("revoked " + key.name() + " at " + key.revokedAt().orElseThrow());
                }
                yield 0;
            }
            case "list-api-keys" -> {
                Args args = parse(rest, Set.of("data", "db"));
                try (Database db = open(args)) {
                    for (ApiKey k : apiKeys(db).list()) {
                        out.println(k.name() + "\t" + k.role().wireName() + "\tcreated " + k.createdAt()
                                + k.revokedAt().map(t -> "\trevoked " + t).orElse(""));
                    }
                }
                yield 0;
            }
            default -> throw new UsageException("unknown keys subcommand '" + argv.get(0) + "'");
        };
    }

    private static Args parse(List<String> argv, Set<String> valued) {
        Args args = Args.parse(argv, valued, Set.of());
        if (!args.positionals().isEmpty()) {
            throw new UsageException("unexpected argument: " + args.positionals().get(0));
        }
        return args;
    }

    private Database open(Args args) {
        Map<String, String> overrides = new HashMap<>();
        args.option("db").ifPresent(v -> overrides.put("db.url", v));
        Settings settings = Settings.resolve(args.option("data"), overrides, env);
        String url = ServiceNode.databaseUrl(settings);
        try {
            return Database.open(url, 2);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (StoreException e) {
            throw LocalStore.explained(e, url, "stop it, or manage keys through POST /v1/api-keys with the admin key");
        }
    }

    private static ApiKeys apiKeys(Database db) {
        return new ApiKeys(new ApiKeyRepository(db), Clock.systemUTC(), new SecureRandom());
    }
}
