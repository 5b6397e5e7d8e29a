package io.credmark.metadata;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.jpeg.JpegCommentDirectory;
import com.drew.metadata.jpeg.JpegCommentReader;
import io.credmark.InvalidInputException;
import io.credmark.container.ParsedImage;
import io.credmark.container.png.PngTextReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Collects the text generator front ends leave in a file: PNG text chunks with their keywords (through
 * {@link PngTextReader}, which bounds inflation), and in JPEG the EXIF UserComment and COM segments, read with
 * metadata-extractor.
 */
final class InputTextReader {

    /** The most text one chunk may hold; ComfyUI's editor graphs of large workflows reach a few megabytes. */
    public static final int MAX_TEXT_BYTES = 8 << 20;
    /** Keywords read besides the generator chunks: they say which front end wrote the file. */
    private static final Set<String> IDENTIFYING = Set.of("software", "source");
    private static final byte[] UNICODE = "UNICODE\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASCII = "ASCII\0\0\0".getBytes(StandardCharsets.US_ASCII);

    private InputTextReader() {
    }

    public static List<GeneratorText> read(ParsedImage image) {
        return switch (image.format()) {
            case PNG -> PngTextReader.read(image.bytes(), k -> GeneratorChunks.isGeneratorKeyword(k)
                    || IDENTIFYING.contains(k.toLowerCase(Locale.ROOT)), MAX_TEXT_BYTES).stream()
                    .map(t -> new GeneratorText(t.source(), t.keyword(), t.text())).toList();
            case JPEG -> jpeg(image.bytes());
        };
    }

    private static List<GeneratorText> jpeg(byte[] file) {
        Metadata metadata;
        try {
            metadata = JpegMetadataReader.readMetadata(new ByteArrayInputStream(file),
                    List.of(new ExifReader(), new JpegCommentReader()));
        } catch (JpegProcessingException | IOException e) {
            throw new InvalidInputException(InvalidInputException.Kind.MALFORMED_IMAGE,
                    "the JPEG's metadata cannot be read: " + e.getMessage());
        }
        List<GeneratorText> texts = new ArrayList<>();
        for (ExifSubIFDDirectory exif : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
            byte[] comment = exif.getByteArray(ExifSubIFDDirectory.TAG_USER_COMMENT);
            if (comment != null && comment.length > 8) {
                String text = userComment(comment);
                if (!text.isBlank()) {
                    texts.add(new GeneratorText("EXIF UserComment", "UserComment", text));
                }
            }
        }
        for (JpegCommentDirectory com : metadata.getDirectoriesOfType(JpegCommentDirectory.class)) {
            String text = com.getString(JpegCommentDirectory.TAG_COMMENT, "UTF-8");
            if (text != null && !text.isBlank()) {
                texts.add(new GeneratorText("JPEG COM", "Comment", text));
            }
        }
        return texts;
    }

    /**
     * Decodes a UserComment (EXIF 2.32 §4.6.5, an 8-byte character code then the text). AUTOMATIC1111 writes it
     * with piexif as {@code UNICODE\0} and UTF-16 big-endian whatever the TIFF byte order; metadata-extractor's
     * own description reads UNICODE as little-endian, so the bytes are decoded here, honouring a byte order mark.
     */
    static String userComment(byte[] value) {
        byte[] code = Arrays.copyOf(value, 8);
        byte[] body = Arrays.copyOfRange(value, 8, value.length);
        Charset charset;
        if (Arrays.equals(code, UNICODE)) {
            boolean littleBom = body.length >= 2 && (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE;
            charset = littleBom ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
            if (littleBom || (body.length >= 2 && (body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF)) {
                body = Arrays.copyOfRange(body, 2, body.length);
            }
        } else if (Arrays.equals(code, ASCII)) {
            charset = StandardCharsets.US_ASCII;
        } else {
            charset = StandardCharsets.UTF_8;
        }
        return new String(body, charset).replace("\0", "").strip();
    }
}
