package io.credmark.container.png;

import io.credmark.container.ByteRange;

/**
 * One chunk as it sits in the file (PNG spec §5.3): {@code length | type | data | CRC}.
 *
 * @param offset where its length field starts
 * @param crcOk  whether the stored CRC matches type + data
 */
public record PngChunk(String type, long offset, int dataLength, boolean crcOk) {

    public long dataOffset() {
        return offset + 8;
    }

    public ByteRange range() {
        return new ByteRange(offset, dataLength + 12L);
    }
}
