package io.credmark.cli;

import io.credmark.access.ApiKey;
import io.credmark.access.ApiKeyRole;
import io.credmark.access.NewApiKey;
import io.credmark.app.OfflineKeys;
import io.credmark.app.Settings;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.KeyType;
import io.credmark.pki.SigningCredentials;
import io.credmark.store.ApiKeyRepository;
import io.credmark.store.Database;
import io.credmark.store.StoreException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code keys root}: the development root certificate, the trust anchor verifiers need for credmark's stamps.
 * {@code keys rotate-signer [--validity DURATION] [--alg ALG]}: a new development signer, current from now.
 * {@code keys create-api-key | revoke-api-key | list-api-keys}: API keys in the service's database.
 */
final class KeysCommand {

    private final Map<String, String> env;

    KeysCommand(Map<String, String> env) {
        this.env = env;
    }

    int run(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty()) {
            throw new UsageException("keys needs a subcommand: root, rotate-signer, create-api-key, revoke-api-key,"
                    + " list-api-keys");
        }
        List<String> rest = argv.subList(1, argv.size());
        return switch (argv.get(0)) {
            case "root" -> {
                Args args = parse(rest, Set.of("data"));
                Settings settings = Settings.resolve(args.option("data"), Map.of(), env);
                out.print(DevelopmentCa.openOrCreate(settings.dataDir()).rootPem());
                yield 0;
            }
            case "rotate-signer" -> {
                Args args = parse(rest, Set.of("data", "validity", "alg"));
                Duration validity = args.option("validity").map(KeysCommand::duration)
                        .orElse(DevelopmentCa.DEFAULT_SIGNER_VALIDITY);
                KeyType keyType = args.option("alg").map(KeysCommand::keyType).orElse(KeyType.EC_P256);
                Settings settings = Settings.resolve(args.option("data"), Map.of(), env);
                SigningCredentials signer;
                try {
                    signer = DevelopmentCa.openOrCreate(settings.dataDir()).rotateSigner(keyType, validity);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
                X509Certificate leaf = signer.leaf();
                out.println("new signer " + leaf.getSubjectX500Principal().getName() + ", serial "
                        + leaf.getSerialNumber().toString(16) + ", valid until " + leaf.getNotAfter().toInstant());
                err.println("credmark: running services sign with it once restarted; what they signed before stays"
                        + " verifiable through its time-stamp");
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

    /** An ISO-8601 duration ({@code PT30S}, {@code P365D}); {@code P1Y} periods count 365-day years and 30-day months. */
    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException notADuration) {
            try {
                Period p = Period.parse(text);
                return Duration.ofDays(p.getYears() * 365L + p.getMonths() * 30L + p.getDays());
            } catch (DateTimeParseException e) {
                throw new UsageException("--validity must be an ISO-8601 duration such as PT30S or P365D, not '"
                        + text + "'");
            }
        }
    }

    private static KeyType keyType(String alg) {
        return switch (alg.toLowerCase(java.util.Locale.ROOT)) {
            case "es256" -> KeyType.EC_P256;
            case "es384" -> KeyType.EC_P384;
            case "es512" -> KeyType.EC_P521;
            case "ps256" -> KeyType.RSA_2048;
            case "ed25519" -> KeyType.ED25519;
            default -> throw new UsageException("--alg must be one of es256, es384, es512, ps256, ed25519");
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
