package io.credmark.container;

import io.credmark.bytes.BigEndian;
import io.credmark.container.jpeg.JpegSegment;
import io.credmark.container.jpeg.JpegSegmentReader;
import io.credmark.container.png.PngChunk;
import io.credmark.container.png.PngChunkReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * Takes free text out of a file's metadata without touching anything else: PNG text chunks (tEXt, zTXt, iTXt) by
 * keyword, and the EXIF {@code UserComment} value (JPEG APP1 Exif, PNG eXIf), overwritten with zeros in place so
 * that the TIFF structure and every other tag (orientation above all) stay as they were. JPEG COM segments go
 * too when asked. Pixels, and every other byte, are the input's.
 */
public final class TextRemoval {

    private static final byte[] EXIF_ID = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final int COM = 0xFE;

    /**
     * @param bytes   the file without the text (the input array itself when nothing was removed)
     * @param removed what was taken out, e.g. {@code PNG tEXt "parameters"}, {@code EXIF UserComment}
     */
    public record Result(byte[] bytes, List<String> removed) {

        public Result {
            removed = List.copyOf(removed);
        }
    }

    /** What to take out. */
    public record Selection(Predicate<String> pngKeyword, boolean userComment, boolean jpegComments) {
    }

    private TextRemoval() {
    }

    public static Result remove(ParsedImage image, Selection selection) {
        return switch (image.format()) {
            case PNG -> png(image.bytes(), selection);
            case JPEG -> jpeg(image.bytes(), selection);
        };
    }

    /** The keyword of a tEXt, zTXt or iTXt chunk (PNG spec §11.3.4: 1 to 79 Latin-1 bytes, then a NUL). */
    public static String pngKeyword(byte[] file, PngChunk c) {
        int start = (int) c.dataOffset();
        int end = start + Math.min(c.dataLength(), 80);
        for (int i = start; i < end; i++) {
            if (file[i] == 0) {
                return new String(file, start, i - start, StandardCharsets.ISO_8859_1);
            }
        }
        return new String(file, start, end - start, StandardCharsets.ISO_8859_1);
    }

    public static boolean isPngText(PngChunk c) {
        return c.type().equals("tEXt") || c.type().equals("zTXt") || c.type().equals("iTXt");
    }

    private static Result png(byte[] file, Selection selection) {
        List<String> removed = new ArrayList<>();
        List<ByteRange> cut = new ArrayList<>();
        byte[] out = file;
        for (PngChunk c : PngChunkReader.read(file).chunks()) {
            if (isPngText(c)) {
                String keyword = pngKeyword(file, c);
                if (selection.pngKeyword().test(keyword)) {
                    cut.add(c.range());
                    removed.add("PNG " + c.type() + " \"" + keyword + "\"");
                }
            } else if (c.type().equals("eXIf") && selection.userComment()) {
                TiffUserComment.Found found = TiffUserComment.find(file, (int) c.dataOffset(), c.dataLength());
                if (found instanceof TiffUserComment.At at) {
                    out = out == file ? file.clone() : out;
                    Arrays.fill(out, (int) at.value().start(), (int) at.value().end(), (byte) 0);
                    CRC32 crc = new CRC32();
                    crc.update(out, (int) c.offset() + 4, 4 + c.dataLength());
                    BigEndian.putU32(out, (int) c.dataOffset() + c.dataLength(), crc.getValue());
                    removed.add("PNG eXIf UserComment");
                } else if (found instanceof TiffUserComment.Unreadable u) {
                    cut.add(c.range());
                    removed.add("PNG eXIf (unreadable: " + u.reason() + ")");
                }
            }
        }
        return new Result(without(out, cut), removed);
    }

    private static Result jpeg(byte[] file, Selection selection) {
        List<String> removed = new ArrayList<>();
        List<ByteRange> cut = new ArrayList<>();
        List<ByteRange> zero = new ArrayList<>();
        for (JpegSegment s : JpegSegmentReader.read(file)) {
            if (s.marker() == COM && selection.jpegComments()) {
                cut.add(s.range());
                removed.add("JPEG COM");
            } else if (s.marker() == JpegSegment.APP1 && selection.userComment() && startsWith(file, s, EXIF_ID)) {
                int tiff = (int) s.payloadOffset() + EXIF_ID.length;
                TiffUserComment.Found found = TiffUserComment.find(file, tiff, s.payloadLength() - EXIF_ID.length);
                if (found instanceof TiffUserComment.At at) {
                    zero.add(at.value());
                    removed.add("EXIF UserComment");
                } else if (found instanceof TiffUserComment.Unreadable u) {
                    cut.add(s.range());
                    removed.add("JPEG APP1 Exif (unreadable: " + u.reason() + ")");
                }
            }
        }
        if (cut.isEmpty() && zero.isEmpty()) {
            return new Result(file, removed);
        }
        byte[] copy = file.clone();
        for (ByteRange z : zero) {
            Arrays.fill(copy, (int) z.start(), (int) z.end(), (byte) 0);
        }
        return new Result(without(copy, cut), removed);
    }

    private static boolean startsWith(byte[] file, JpegSegment s, byte[] prefix) {
        if (s.payloadLength() < prefix.length) {
            return false;
        }
        int p = (int) s.payloadOffset();
        return Arrays.equals(file, p, p + prefix.length, prefix, 0, prefix.length);
    }

    /** {@code file} without the given (disjoint) ranges. */
    static byte[] without(byte[] file, List<ByteRange> cut) {
        if (cut.isEmpty()) {
            return file;
        }
        List<ByteRange> sorted = new ArrayList<>(cut);
        sorted.sort((a, b) -> Long.compare(a.start(), b.start()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length);
        long pos = 0;
        for (ByteRange r : sorted) {
            out.write(file, (int) pos, (int) (r.start() - pos));
            pos = r.end();
        }
        out.write(file, (int) pos, (int) (file.length - pos));
        return out.toByteArray();
    }
}
