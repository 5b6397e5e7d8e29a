package io.credmark.container;

/** A span of bytes in a file: {@code [start, start + length)}. */
public record ByteRange(long start, long length) {

    public ByteRange {
        if (start < 0 || length < 0) {
            throw new IllegalArgumentException("negative range " + start + "+" + length);
        }
    }

    public long end() {
        return start + length;
    }

    public boolean contains(ByteRange other) {
        return other.start >= start && other.end() <= end();
    }
}
