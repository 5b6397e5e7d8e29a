package io.credmark.access;

import io.credmark.ConflictException;
import io.credmark.InvalidInputException;
import io.credmark.bytes.Sha256;
import io.credmark.store.ApiKeyRecord;
import io.credmark.store.ApiKeyRepository;
import io.credmark.store.DuplicateKeyException;
import io.credmark.store.Timestamps;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys of machine clients and administrators. A key is {@code cmk_} followed by 256 random bits in base64url;
 * only its SHA-256 is stored (a hash of that much entropy needs no salt or stretching). Every check reads the
 * database, so that a key revoked through one service node is refused by all of them at once.
 */
public final class ApiKeys {

    /** The key created on a service's first start. */
    public static final String ADMIN_NAME = "admin";
    public static final String PREFIX = "cmk_";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MAX_PRESENTED_LENGTH = 256;

    private final ApiKeyRepository repository;
    private final Clock clock;
    private final SecureRandom random;

    public ApiKeys(ApiKeyRepository repository, Clock clock, SecureRandom random) {
        this.repository = repository;
        this.clock = clock;
        this.random = random;
    }

    /**
     * @throws InvalidInputException when the name is not 1 to 64 of {@code a-z 0-9 . _ -}, starting with a letter or
     *                               digit
     * @throws ConflictException     when a key of that name exists (revoked keys keep their names)
     */
    public NewApiKey create(String name, ApiKeyRole role) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(InvalidInputException.Kind.BAD_REQUEST,
                    "an API key name is 1 to 64 characters a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        ApiKeyRecord record = new ApiKeyRecord(name, Sha256.hex(secret), role.wireName(), Timestamps.storable(clock.instant()),
                Optional.empty());
        try {
            repository.insert(record);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("an API key named '" + name + "' exists");
        }
        return new NewApiKey(view(record), secret);
    }

    /**
     * Creates the {@value #ADMIN_NAME} key unless a key of that name was ever created. Safe when several nodes
     * start at once: the database lets one of them win.
     */
    public Optional<NewApiKey> createAdminIfAbsent() {
        if (repository.find(ADMIN_NAME).isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(create(ADMIN_NAME, ApiKeyRole.ADMIN));
        } catch (ConflictException e) {
            return Optional.empty();
        }
    }

    /** The key presented by a client, revoked or not; empty when no such key exists. */
    public Optional<ApiKey> find(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_PRESENTED_LENGTH) {
            return Optional.empty();
        }
        return repository.findByHash(Sha256.hex(presented)).map(ApiKeys::view);
    }

    /** @return the key as it now is, revoked; empty when no key has that name */
    public Optional<ApiKey> revoke(String name) {
        return repository.revoke(name, Timestamps.storable(clock.instant())).map(ApiKeys::view);
    }

    public List<ApiKey> list() {
        return repository.list().stream().map(ApiKeys::view).toList();
    }

    private static ApiKey view(ApiKeyRecord r) {
        ApiKeyRole role = ApiKeyRole.byWireName(r.role())
                .orElseThrow(() -> new IllegalStateException("a stored API key has the unknown role " + r.role()));
        return new ApiKey(r.name(), role, r.createdAt(), r.revokedAt());
    }
}
