package io.credmark.http.admission;

import io.credmark.bytes.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Whom a request is counted against: an API key or a creator by name, else the remote address, kept only as a
 * keyed hash (the key is random per process, so the hashes say nothing outside it and are never stored).
 *
 * @param id {@code key:NAME}, {@code creator:HANDLE} or {@code address:HASH}
 */
public record Client(String id) {

    private static final byte[] SALT = new SecureRandom().generateSeed(16);

    public static Client apiKey(String name) {
        return new Client("key:" + name);
    }

    public static Client creator(String handle) {
        return new Client("creator:" + handle);
    }

    /**
     * @param remoteAddress the peer's address
     * @param forwardedFor  the value of the configured trusted proxy header, or null (then the peer is the client)
     */
    public static Client address(String remoteAddress, String forwardedFor) {
        String address = remoteAddress;
        if (forwardedFor != null && !forwardedFor.isBlank()) {
            // the trusted proxy appends the address it saw: the last entry is the only one it vouches for
            String[] hops = forwardedFor.split(",");
            address = hops[hops.length - 1].strip();
        }
        MessageDigest sha = Sha256.digest();
        sha.update(SALT);
        byte[] digest = sha.digest(address.getBytes(StandardCharsets.UTF_8));
        return new Client("address:" + HexFormat.of().formatHex(digest, 0, 12));
    }
}
