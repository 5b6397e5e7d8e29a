package io.credmark.container.png;

import io.credmark.InvalidInputException;
import io.credmark.bytes.BigEndian;
import io.credmark.container.ContainerProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Walks the chunk sequence of a PNG without interpreting it. Structural damage (bad lengths, truncation, missing
 * IHDR or IEND) stops reading; a CRC mismatch is recorded and reading goes on, so that a verifier can still say
 * what a damaged file claims.
 */
public final class PngChunkReader {

    /** PNG spec §5.3: chunk lengths are limited to 2^31 - 1. */
    private static final long MAX_CHUNK_LENGTH = 0x7FFF_FFFFL;

    /**
     * The most chunks a file may have. Encoders split the image data into IDAT chunks of 8–64 KB, so a 2 GB PNG has
     * up to about 2^18 of them; more is padding made to cost time (an empty chunk is 12 bytes).
     */
    public static final int MAX_CHUNKS = 1 << 20;
    /** The most chunks other than IDAT: metadata is tens of chunks, a few thousand at the very most. */
    public static final int MAX_OTHER_CHUNKS = 65_536;

    private PngChunkReader() {
    }

    public record Chunks(List<PngChunk> chunks, List<ContainerProblem> problems) {
    }

    public static Chunks read(byte[] file) {
        List<PngChunk> chunks = new ArrayList<>();
        List<ContainerProblem> problems = new ArrayList<>();
        int pos = 8;
        int others = 0;
        boolean ended = false;
        while (!ended) {
            if (file.length - pos < 12) {
                throw malformed("truncated PNG: the file ends at byte " + file.length + " before an IEND chunk");
            }
            long length = BigEndian.u32(file, pos);
            String type = chunkType(file, pos + 4);
            if (length > MAX_CHUNK_LENGTH) {
                throw malformed("PNG chunk " + type + " at byte " + pos + " declares a length of " + length
                        + " bytes, over the PNG limit of 2^31-1");
            }
            if (length > file.length - pos - 12L) {
                throw malformed("truncated PNG: chunk " + type + " at byte " + pos + " declares " + length
                        + " bytes but only " + Math.max(0, file.length - pos - 12L) + " remain");
            }
            if (chunks.size() == MAX_CHUNKS) {
                throw tooManyChunks(pos);
            }
            if (!"IDAT".equals(type) && ++others > MAX_OTHER_CHUNKS) {
                throw tooManyOtherChunks(type, pos);
            }
            int len = (int) length;
            CRC32 crc = new CRC32();
            crc.update(file, pos + 4, 4 + len);
            boolean crcOk = crc.getValue() == BigEndian.u32(file, pos + 8 + len);
            if (!crcOk) {
                problems.add(new ContainerProblem(pos, "chunk " + type + " has a bad CRC"));
            }
            if (chunks.isEmpty() && !"IHDR".equals(type)) {
                throw malformed("not a valid PNG: the first chunk is " + type + ", not IHDR");
            }
            chunks.add(new PngChunk(type, pos, len, crcOk));
            pos += 12 + len;
            ended = "IEND".equals(type);
        }
        return new Chunks(chunks, problems);
    }

    private static String chunkType(byte[] file, int at) {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            int c = file[at + i] & 0xFF;
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw malformed("not a valid PNG: bytes at " + at + " are not a chunk type");
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    static InvalidInputException tooManyChunks(long at) {
        return malformed("the PNG has more than " + MAX_CHUNKS + " chunks (the next at byte " + at
                + "); credmark reads at most " + MAX_CHUNKS + " (limit: PNG chunks per file)");
    }

    static InvalidInputException tooManyOtherChunks(String type, long at) {
        return malformed("the PNG has more than " + MAX_OTHER_CHUNKS + " chunks other than IDAT (the next, " + type
                + ", at byte " + at + "); credmark reads at most " + MAX_OTHER_CHUNKS
                + " (limit: PNG non-IDAT chunks per file)");
    }

    static InvalidInputException malformed(String message) {
        return new InvalidInputException(InvalidInputException.Kind.MALFORMED_IMAGE, message);
    }
}
