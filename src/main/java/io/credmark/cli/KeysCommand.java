package io.credmark.cli;

import io.credmark.access.ApiKey;
import io.credmark.access.ApiKeyRole;
import io.credmark.access.NewApiKey;
import io.credmark.app.OfflineKeys;
import io.credmark.app.Settings;
import io.credmark.pki.DevelopmentCa;
import java.io.PrintStream;
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
                try (OfflineKeys keys = open(args)) {
                    NewApiKey key = keys.apiKeys().create(name, role);
                    err.println("credmark: created the API key '" + name + "' (role " + role.wireName()
                            + "); it is shown only this once:");
                    out.println(key.secret());
                }
                yield 0;
            }
            case "revoke-api-key" -> {
                Args args = parse(rest, Set.of("name", "data", "db"));
                String name = args.required("name");
                try (OfflineKeys keys = open(args)) {
                    ApiKey key = keys.apiKeys().revoke(name)
                            .orElseThrow(() -> new UsageException("no API key named '" + name + "'"));
                    out.println("revoked " + key.name() + " at " + key.revokedAt().orElseThrow());
                }
                yield 0;
            }
            case "list-api-keys" -> {
                Args args = parse(rest, Set.of("data", "db"));
                try (OfflineKeys keys = open(args)) {
                    for (ApiKey k : keys.apiKeys().list()) {
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

    private OfflineKeys open(Args args) {
        Map<String, String> overrides = new HashMap<>();
        args.option("db").ifPresent(v -> overrides.put("db.url", v));
        Settings settings = Settings.resolve(args.option("data"), overrides, env);
        try {
            return OfflineKeys.open(settings, "stop it, or manage keys through POST /v1/api-keys with the admin key");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
