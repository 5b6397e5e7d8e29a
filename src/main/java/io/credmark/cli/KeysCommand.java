package io.credmark.cli;

import io.credmark.NotFoundException;
import io.credmark.UnavailableException;
import io.credmark.access.ApiKey;
import io.credmark.access.ApiKeyRole;
import io.credmark.access.NewApiKey;
import io.credmark.app.OfflineKeys;
import io.credmark.app.ServiceNode;
import io.credmark.app.Settings;
import io.credmark.creators.CreatorIdentities;
import io.credmark.creators.IdentityUnavailableException;
import io.credmark.pki.DevelopmentCa;
import io.credmark.pki.KeyType;
import io.credmark.pki.SigningCredentials;
import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keys root}: the development root certificate, the trust anchor verifiers need for credmark's stamps.
 * {@code keys rotate-signer [--validity DURATION] [--alg ALG]}: a new development signer, current from now.
 * {@code keys create-api-key | revoke-api-key | list-api-keys}: API keys in the service's database.
 * {@code keys reissue-identity --creator HANDLE}: a new identity key and certificate for a creator whose key was lost.
 */
@Command(name = "keys", description = "Manages the signing keys and the service's API keys.")
final class KeysCommand implements Callable<Integer> {

    private static final String DB = "The service's database (JDBC URL), if not the data directory's.";

    @Spec
    private CommandSpec spec;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    KeysCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "keys needs a subcommand: root, rotate-signer, create-api-key,"
                + " revoke-api-key, list-api-keys, reissue-identity");
    }

    @Command(name = "root", description = "Prints the development root certificate, the verifiers' trust anchor.")
    int root(@Option(names = "--data", paramLabel = "DIR", description = Main.DATA_DIR) Optional<String> data) {
        Settings settings = Settings.resolve(data, Map.of(), env);
        out.print(DevelopmentCa.openOrCreate(settings.dataDir()).rootPem());
        return 0;
    }

    @Command(name = "rotate-signer", description = "Makes a new development signer, current from now.")
    int rotateSigner(
            @Option(names = "--validity", paramLabel = "DURATION",
                    description = "An ISO-8601 duration; default P365D.") Optional<String> validityText,
            @Option(names = "--alg", paramLabel = "ALG",
                    description = "es256 (default), es384, es512, ps256, ed25519.") Optional<String> alg,
            @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_DIR) Optional<String> data) {
        Duration validity = validityText.map(this::duration).orElse(DevelopmentCa.DEFAULT_SIGNER_VALIDITY);
        KeyType keyType = alg.map(this::keyType).orElse(KeyType.EC_P256);
        Settings settings = Settings.resolve(data, Map.of(), env);
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
        return 0;
    }

    @Command(name = "create-api-key", description = "Creates an API key and shows it once.")
    int createApiKey(
            @Option(names = "--name", required = true, paramLabel = "NAME", description = "The key's name.")
            String name,
            @Option(names = "--role", paramLabel = "ROLE", description = "stamp (default) or admin.")
            Optional<String> roleName,
            @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_DIR) Optional<String> data,
            @Option(names = "--db", paramLabel = "JDBC_URL", description = DB) Optional<String> db) {
        ApiKeyRole role = roleName.map(r -> ApiKeyRole.byWireName(r)
                .orElseThrow(() -> usage("--role must be stamp or admin"))).orElse(ApiKeyRole.STAMP);
        try (OfflineKeys keys = open(data, db)) {
            NewApiKey key = keys.apiKeys().create(name, role);
            err.println("credmark: created the API key '" + name + "' (role " + role.wireName()
                    + "); it is shown only this once:");
            out.println(key.secret());
        }
        return 0;
    }

    @Command(name = "revoke-api-key", description = "Revokes an API key.")
    int revokeApiKey(
            @Option(names = "--name", required = true, paramLabel = "NAME", description = "The key's name.")
            String name,
            @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_DIR) Optional<String> data,
            @Option(names = "--db", paramLabel = "JDBC_URL", description = DB) Optional<String> db) {
        try (OfflineKeys keys = open(data, db)) {
            ApiKey key = keys.apiKeys().revoke(name)
                    .orElseThrow(() -> new UsageException("no API key named '" + name + "'"));
            out.println("revoked " + key.name() + " at " + key.revokedAt().orElseThrow());
        }
        return 0;
    }

    @Command(name = "list-api-keys", description = "Lists the API keys, revoked ones too.")
    int listApiKeys(
            @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_DIR) Optional<String> data,
            @Option(names = "--db", paramLabel = "JDBC_URL", description = DB) Optional<String> db) {
        try (OfflineKeys keys = open(data, db)) {
            for (ApiKey k : keys.apiKeys().list()) {
                out.println(k.name() + "\t" + k.role().wireName() + "\tcreated " + k.createdAt()
                        + k.revokedAt().map(t -> "\trevoked " + t).orElse(""));
            }
        }
        return 0;
    }

    @Command(name = "reissue-identity", description = "Issues a creator a new identity key and certificate, e.g. when"
            + " the key was lost from the PKCS#11 token.")
    int reissueIdentity(
            @Option(names = "--creator", required = true, paramLabel = "HANDLE", description = "The creator's handle.")
            String handle,
            @Option(names = "--data", paramLabel = "DIR", description = Main.DATA_DIR) Optional<String> data,
            @Option(names = "--db", paramLabel = "JDBC_URL", description = DB) Optional<String> db) {
        CreatorIdentities.IdentityCredential issued;
        try (ServiceNode node = LocalStore.open(settings(data, db), "stop it, then run this again")) {
            issued = node.identities().reissue(handle);
        } catch (NotFoundException e) {
            throw new UsageException(e.getMessage());
        } catch (IdentityUnavailableException e) {
            throw new UnavailableException(e.getMessage(), e);
        }
        X509Certificate leaf = issued.certificate();
        out.println("new identity key of " + issued.handle() + issued.tokenKey().map(l -> ", PKCS#11 label " + l)
                .orElse(", held by the service") + "; certificate for " + issued.displayName() + ", serial "
                + leaf.getSerialNumber().toString(16) + ", valid until " + leaf.getNotAfter().toInstant());
        err.println("credmark: every node signs the creator's identity with it from its next stamp");
        return 0;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** An ISO-8601 duration ({@code PT30S}, {@code P365D}); {@code P1Y} periods count 365-day years and 30-day months. */
    private Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException notADuration) {
            try {
                Period p = Period.parse(text);
                return Duration.ofDays(p.getYears() * 365L + p.getMonths() * 30L + p.getDays());
            } catch (DateTimeParseException e) {
                throw usage("--validity must be an ISO-8601 duration such as PT30S or P365D, not '" + text + "'");
            }
        }
    }

    private KeyType keyType(String alg) {
        return switch (alg.toLowerCase(java.util.Locale.ROOT)) {
            case "es256" -> KeyType.EC_P256;
            case "es384" -> KeyType.EC_P384;
            case "es512" -> KeyType.EC_P521;
            case "ps256" -> KeyType.RSA_2048;
            case "ed25519" -> KeyType.ED25519;
            default -> throw usage("--alg must be one of es256, es384, es512, ps256, ed25519");
        };
    }

    private Settings settings(Optional<String> data, Optional<String> db) {
        Map<String, String> overrides = new HashMap<>();
        db.ifPresent(v -> overrides.put("db.url", v));
        return Settings.resolve(data, overrides, env);
    }

    private OfflineKeys open(Optional<String> data, Optional<String> db) {
        Settings settings = settings(data, db);
        try {
            return OfflineKeys.open(settings, "stop it, or manage keys through POST /v1/api-keys with the admin key");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
