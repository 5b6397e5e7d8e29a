package io.credmark.container;

import java.util.List;

/**
 * A C2PA manifest store as found in a file: the reassembled JUMBF bytes and the file ranges of its carrier (the
 * whole {@code caBX} chunk, or every APP11 segment of the store, markers and lengths included).
 */
public record ManifestStoreCarrier(byte[] jumbf, List<ByteRange> ranges) {

    public ManifestStoreCarrier {
        ranges = List.copyOf(ranges);
    }

    /** The first byte of the carrier, where a data-hash exclusion must start. */
    public long start() {
        return ranges.get(0).start();
    }

    /** Total bytes the carrier occupies in the file. */
    public long length() {
        return ranges.stream().mapToLong(ByteRange::length).sum();
    }
}
