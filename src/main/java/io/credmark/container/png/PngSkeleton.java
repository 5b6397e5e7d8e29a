package io.credmark.container.png;

import io.credmark.bytes.BigEndian;
import io.credmark.container.ByteRange;
import io.credmark.container.ContainerSkeleton;
import io.credmark.container.ImageFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The skeleton of a PNG ({@link ContainerSkeleton}): every chunk but IDAT, and one empty IDAT chunk in place of the
 * run of IDAT chunks, which PNG requires to be consecutive (PNG spec §5.6). The IDAT chunks' lengths and CRCs are
 * checked as they stream past, under the same limits as {@link PngChunkReader}.
 */
public final class PngSkeleton {

    private static final byte[] EMPTY_IDAT = emptyIdat();
    private static final int BUFFER = 1 << 20;

    private PngSkeleton() {
    }

    public static ContainerSkeleton read(FileChannel channel, Path path) throws IOException {
        long size = channel.size();
        ByteArrayOutputStream skeleton = new ByteArrayOutputStream();
        skeleton.write(readFully(channel, 0, 8));
        long pos = 8;
        int chunks = 0;
        int others = 0;
        long idatStart = -1;
        long idatEnd = -1;
        long placeholderAt = -1;
        boolean ended = false;
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        while (!ended) {
            if (size - pos < 12) {
                throw PngChunkReader.malformed("truncated PNG: the file ends at byte " + size
                        + " before an IEND chunk");
            }
            byte[] head = readFully(channel, pos, 8);
            long length = BigEndian.u32(head, 0);
            String type = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
            if (!type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw PngChunkReader.malformed("not a valid PNG: bytes at " + (pos + 4) + " are not a chunk type");
            }
            if (length > size - pos - 12L) {
                throw PngChunkReader.malformed("truncated PNG: chunk " + type + " at byte " + pos + " declares "
                        + length + " bytes but only " + Math.max(0, size - pos - 12L) + " remain");
            }
            if (++chunks > PngChunkReader.MAX_CHUNKS) {
                throw PngChunkReader.tooManyChunks(pos);
            }
            long end = pos + 12 + length;
            if ("IDAT".equals(type)) {
                if (idatStart < 0) {
                    idatStart = pos;
                    placeholderAt = skeleton.size();
                    skeleton.write(EMPTY_IDAT);
                } else if (idatEnd != pos) {
                    throw PngChunkReader.malformed("not a valid PNG: IDAT chunk at byte " + pos
                            + " does not follow the other IDAT chunks (PNG spec §5.6)");
                }
                checkCrc(channel, pos, length, type, buffer);
                idatEnd = end;
            } else {
                if (++others > PngChunkReader.MAX_OTHER_CHUNKS) {
                    throw PngChunkReader.tooManyOtherChunks(type, pos);
                }
                if (skeleton.size() + 12 + length > ContainerSkeleton.MAX_SKELETON_BYTES) {
                    throw PngChunkReader.malformed("the PNG's chunks other than IDAT take more than "
                            + ContainerSkeleton.MAX_SKELETON_BYTES + " bytes; metadata is not that large");
                }
                // its CRC is checked when the skeleton is read as a PNG
                skeleton.write(readFully(channel, pos, (int) (12 + length)));
            }
            pos = end;
            ended = "IEND".equals(type);
        }
        if (idatStart < 0) {
            throw PngChunkReader.malformed("not a valid PNG: no IDAT chunk");
        }
        // bytes after IEND are kept, as a whole-file stamp keeps them
        if (size - pos > ContainerSkeleton.MAX_SKELETON_BYTES - skeleton.size()) {
            throw PngChunkReader.malformed("the PNG has " + (size - pos) + " bytes after IEND");
        }
        skeleton.write(readFully(channel, pos, (int) (size - pos)));
        return new ContainerSkeleton(ImageFormat.PNG, skeleton.toByteArray(),
                new ByteRange(placeholderAt, EMPTY_IDAT.length), path, new ByteRange(idatStart, idatEnd - idatStart),
                size);
    }

    /** The one IDAT chunk of a skeleton: the placeholder. */
    public static ByteRange placeholderIn(byte[] skeleton) {
        ByteRange found = null;
        for (PngChunk c : PngChunkReader.read(skeleton).chunks()) {
            if ("IDAT".equals(c.type())) {
                if (found != null || c.dataLength() != 0) {
                    throw new IllegalStateException("a PNG skeleton has one empty IDAT chunk");
                }
                found = c.range();
            }
        }
        if (found == null) {
            throw new IllegalStateException("a PNG skeleton has one empty IDAT chunk");
        }
        return found;
    }

    private static void checkCrc(FileChannel channel, long chunkAt, long length, String type, ByteBuffer buffer)
            throws IOException {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.ISO_8859_1));
        long at = chunkAt + 8;
        long remaining = length;
        while (remaining > 0) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
            int n = channel.read(buffer, at);
            if (n <= 0) {
                throw PngChunkReader.malformed("truncated PNG: chunk " + type + " at byte " + chunkAt);
            }
            buffer.flip();
            crc.update(buffer);
            at += n;
            remaining -= n;
        }
        if (crc.getValue() != BigEndian.u32(readFully(channel, at, 4), 0)) {
            throw PngChunkReader.malformed("damaged PNG: chunk " + type + " at byte " + chunkAt + " has a bad CRC");
        }
    }

    static byte[] readFully(FileChannel channel, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                throw PngChunkReader.malformed("truncated PNG: the file ends at byte " + (at + b.position()));
            }
        }
        return b.array();
    }

    private static byte[] emptyIdat() {
        CRC32 crc = new CRC32();
        crc.update("IDAT".getBytes(StandardCharsets.US_ASCII));
        return ByteBuffer.allocate(12).putInt(0).put("IDAT".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) crc.getValue()).array();
    }
}
