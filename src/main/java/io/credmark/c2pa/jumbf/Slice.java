package io.credmark.c2pa.jumbf;

import io.credmark.bytes.Sha256;
import java.security.MessageDigest;
import java.util.Arrays;

/** A view of part of a buffer, so that nested boxes are not copied at every level. */
public record Slice(byte[] buffer, int offset, int length) {

    public Slice {
        if (offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("slice out of bounds");
        }
    }

    public static Slice of(byte[] bytes) {
        return new Slice(bytes, 0, bytes.length);
    }

    public byte[] toByteArray() {
        return Arrays.copyOfRange(buffer, offset, offset + length);
    }

    public Slice from(int skip) {
        return new Slice(buffer, offset + skip, length - skip);
    }

    public void update(MessageDigest digest) {
        digest.update(buffer, offset, length);
    }

    /** SHA-256 of these bytes: for a superbox payload, what a hashed URI to it holds (spec 2.2 §8.3.2). */
    public byte[] sha256() {
        MessageDigest sha = Sha256.digest();
        update(sha);
        return sha.digest();
    }
}
