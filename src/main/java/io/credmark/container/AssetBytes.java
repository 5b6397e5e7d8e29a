package io.credmark.container;

import java.security.MessageDigest;

/**
 * The bytes of an asset as a hard binding hashes them: an array in memory, or a large file read range by range
 * ({@link ContainerSkeleton#fileBytes()}), so that checking a binding never needs the whole file in memory.
 */
public interface AssetBytes {

    long length();

    /** Feeds {@code [start, start + length)} to {@code digest}. */
    void digest(MessageDigest digest, long start, long length);

    static AssetBytes of(byte[] bytes) {
        return new AssetBytes() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void digest(MessageDigest digest, long start, long length) {
                digest.update(bytes, Math.toIntExact(start), Math.toIntExact(length));
            }
        };
    }
}
