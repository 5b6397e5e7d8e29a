package io.credmark.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.credmark.Json;
import io.credmark.bytes.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * One provenance field as a salted disclosure, in the manner of SD-JWT (RFC 9901 §4.2.1): the base64url encoding of
 * the JSON array {@code [salt, path, value]}. The signed manifest carries only
 * {@code SHA-256(ASCII(encoded))}, so the value can be revealed later — to everyone, to viewers of the service, or
 * only by its creator — and proven against the signature that committed to it.
 *
 * @param encoded the disclosure string exactly as issued; digests are computed over it, never over a re-encoding
 */
public record Disclosure(String salt, String path, JsonNode value, String encoded) {

    /** RFC 9901 §9.3 asks for at least 128 bits of salt. */
    static final int SALT_BYTES = 16;
    /** A disclosure carries one field; a field is at most a few hundred KiB even with a long prompt. */
    static final int MAX_ENCODED_LENGTH = 1 << 20;

    private static final ObjectMapper JSON = Json.mapper();
    private static final ObjectMapper BOUNDED = Json.bounded(32, false);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static Disclosure create(String path, JsonNode value, SecureRandom random) {
        byte[] saltBytes = new byte[SALT_BYTES];
        random.nextBytes(saltBytes);
        String salt = B64.encodeToString(saltBytes);
        ArrayNode array = JsonNodeFactory.instance.arrayNode().add(salt).add(path).add(value.deepCopy());
        try {
            String encoded = B64.encodeToString(JSON.writeValueAsBytes(array));
            return new Disclosure(salt, path, value.deepCopy(), encoded);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a disclosure string; empty when it is not one (bad base64url, not a 3-element array, no salt). */
    public static Optional<Disclosure> parse(String encoded) {
        if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_ENCODED_LENGTH) {
            return Optional.empty();
        }
        try {
            JsonNode array = BOUNDED.readTree(Base64.getUrlDecoder().decode(encoded));
            if (array == null || !array.isArray() || array.size() != 3 || !array.get(0).isTextual()
                    || !array.get(1).isTextual()) {
                return Optional.empty();
            }
            String salt = array.get(0).textValue();
            if (Base64.getUrlDecoder().decode(salt).length < SALT_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new Disclosure(salt, array.get(1).textValue(), array.get(2), encoded));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code SHA-256} over the ASCII of the encoded string (RFC 9901 §4.2.3). */
    public byte[] digest() {
        return digestOf(encoded);
    }

    public static byte[] digestOf(String encoded) {
        return Sha256.of(encoded.getBytes(StandardCharsets.US_ASCII));
    }

    /** The value never appears in logs through this record. */
    @Override
    public String toString() {
        return "Disclosure[" + path + "]";
    }
}
