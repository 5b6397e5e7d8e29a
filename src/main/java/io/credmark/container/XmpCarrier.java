package io.credmark.container;

import io.credmark.bytes.ByteSink;
import io.credmark.container.jpeg.JpegSegment;
import io.credmark.container.jpeg.JpegSegmentReader;
import io.credmark.container.png.PngChunk;
import io.credmark.container.png.PngChunkReader;
import io.credmark.container.png.PngTextReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The one XMP packet of a file (XMP spec part 3 §1.1): in PNG an iTXt chunk with keyword {@code XML:com.adobe.xmp},
 * in JPEG an APP1 segment starting {@code http://ns.adobe.com/xap/1.0/\0}. Replacing it removes every packet the
 * file had (and JPEG's extended-XMP segments, which belong to the packet they extend) and inserts the new one, so
 * that a file never carries two. Nothing else moves.
 */
public final class XmpCarrier {

    /** The APP1 payload is at most 65533 bytes, of which the namespace takes 29 (XMP spec part 3 §1.1.3). */
    public static final int MAX_JPEG_PACKET_BYTES = 65533 - 29;
    private static final String PNG_KEYWORD = "XML:com.adobe.xmp";
    private static final byte[] JPEG_XMP = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JPEG_EXTENDED = "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_PNG_PACKET_BYTES = 4 << 20;

    private XmpCarrier() {
    }

    /** The file's XMP packet as text, if it has one. */
    public static Optional<String> existing(ParsedImage image) {
        byte[] file = image.bytes();
        if (image.format() == ImageFormat.PNG) {
            return PngTextReader.read(file, PNG_KEYWORD::equals, MAX_PNG_PACKET_BYTES).stream()
                    .map(PngTextReader.PngText::text).findFirst();
        }
        for (JpegSegment s : JpegSegmentReader.read(file)) {
            if (s.marker() == JpegSegment.APP1 && startsWith(file, s, JPEG_XMP)) {
                int from = (int) s.payloadOffset() + JPEG_XMP.length;
                return Optional.of(new String(file, from, s.payloadLength() - JPEG_XMP.length, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /**
     * The file with {@code packet} as its only XMP.
     *
     * @throws IllegalArgumentException when a JPEG packet is over {@link #MAX_JPEG_PACKET_BYTES}
     */
    public static byte[] replace(ParsedImage image, byte[] packet) {
        return image.format() == ImageFormat.PNG ? png(image.bytes(), packet) : jpeg(image.bytes(), packet);
    }

    private static byte[] png(byte[] file, byte[] packet) {
        List<ByteRange> cut = new ArrayList<>();
        for (PngChunk c : PngChunkReader.read(file).chunks()) {
            if (c.type().equals("iTXt") && TextRemoval.pngKeyword(file, c).equals(PNG_KEYWORD)) {
                cut.add(c.range());
            }
        }
        byte[] kw = PNG_KEYWORD.getBytes(StandardCharsets.ISO_8859_1);
        // keyword, NUL, uncompressed, method 0, empty language tag and translated keyword, then the UTF-8 packet
        ByteSink data = new ByteSink(kw.length + 5 + packet.length);
        data.bytes(kw).u8(0).u8(0).u8(0).u8(0).u8(0).bytes(packet);
        byte[] body = data.toByteArray();
        CRC32 crc = new CRC32();
        crc.update("iTXt".getBytes(StandardCharsets.US_ASCII));
        crc.update(body);
        byte[] chunk = new ByteSink(body.length + 12).u32(body.length).ascii("iTXt").bytes(body).u32(crc.getValue())
                .toByteArray();
        int afterIhdr = 8 + 12 + 13;
        return insert(TextRemoval.without(file, cut), afterIhdr - cutBefore(cut, afterIhdr), chunk);
    }

    private static byte[] jpeg(byte[] file, byte[] packet) {
        if (packet.length > MAX_JPEG_PACKET_BYTES) {
            throw new IllegalArgumentException("an XMP packet of " + packet.length + " bytes does not fit in one APP1"
                    + " segment (at most " + MAX_JPEG_PACKET_BYTES + ")");
        }
        List<ByteRange> cut = new ArrayList<>();
        long at = 2;
        boolean leading = true;
        for (JpegSegment s : JpegSegmentReader.read(file)) {
            boolean xmp = s.marker() == JpegSegment.APP1 && (startsWith(file, s, JPEG_XMP)
                    || startsWith(file, s, JPEG_EXTENDED));
            if (xmp) {
                cut.add(s.range());
            }
            // after JFIF APP0 and an EXIF APP1 that lead the file, where readers look first
            boolean lead = s.marker() == JpegSegment.APP0
                    || (s.marker() == JpegSegment.APP1 && startsWith(file, s, EXIF));
            if (leading && lead) {
                at = s.range().end();
            } else if (!xmp) {
                leading = false;
            }
        }
        ByteSink segment = new ByteSink(4 + JPEG_XMP.length + packet.length);
        segment.u8(0xFF).u8(JpegSegment.APP1).u16(2 + JPEG_XMP.length + packet.length).bytes(JPEG_XMP).bytes(packet);
        return insert(TextRemoval.without(file, cut), at - cutBefore(cut, at), segment.toByteArray());
    }

    private static long cutBefore(List<ByteRange> cut, long offset) {
        return cut.stream().filter(r -> r.end() <= offset).mapToLong(ByteRange::length).sum();
    }

    private static byte[] insert(byte[] file, long at, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + bytes.length);
        out.write(file, 0, (int) at);
        out.write(bytes, 0, bytes.length);
        out.write(file, (int) at, file.length - (int) at);
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] file, JpegSegment s, byte[] prefix) {
        if (s.payloadLength() < prefix.length) {
            return false;
        }
        int p = (int) s.payloadOffset();
        return Arrays.equals(file, p, p + prefix.length, prefix, 0, prefix.length);
    }
}
