package io.credmark.container.png;

import io.credmark.InvalidInputException;
import io.credmark.container.TextRemoval;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads PNG text chunks (PNG spec §11.3.4: tEXt Latin-1, zTXt compressed Latin-1, iTXt UTF-8 optionally compressed)
 * whose keyword is asked for. Compressed text is inflated with a bound: a few kilobytes of deflate can stand for
 * gigabytes of text, so a chunk past the bound is refused, naming it, rather than inflated.
 */
public final class PngTextReader {

    /** One text chunk: its type, keyword and text. */
    public record PngText(String chunkType, String keyword, String text) {

        /** How the chunk is named to people, e.g. {@code PNG tEXt "parameters"}. */
        public String source() {
            return "PNG " + chunkType + " \"" + keyword + "\"";
        }
    }

    private PngTextReader() {
    }

    /**
     * @param maxBytes the most bytes of text (after inflating) one chunk may have
     * @throws InvalidInputException naming the chunk when its text is longer, or corrupt
     */
    public static List<PngText> read(byte[] file, Predicate<String> keyword, int maxBytes) {
        List<PngText> texts = new ArrayList<>();
        for (PngChunk c : PngChunkReader.read(file).chunks()) {
            if (!TextRemoval.isPngText(c)) {
                continue;
            }
            String key = TextRemoval.pngKeyword(file, c);
            if (!keyword.test(key)) {
                continue;
            }
            String source = new PngText(c.type(), key, "").source();
            int start = (int) c.dataOffset() + key.length() + 1;
            int end = (int) c.dataOffset() + c.dataLength();
            if (start > end) {
                throw malformed(source + ": no text after the keyword");
            }
            String text = switch (c.type()) {
                case "tEXt" -> bounded(source, new String(file, start, end - start, StandardCharsets.ISO_8859_1),
                        end - start, maxBytes);
                case "zTXt" -> new String(inflate(file, start + 1, end, maxBytes, source), StandardCharsets.ISO_8859_1);
                default -> international(file, start, end, maxBytes, source);
            };
            texts.add(new PngText(c.type(), key, text));
        }
        return texts;
    }

    private static String international(byte[] file, int start, int end, int maxBytes, String source) {
        if (end - start < 2) {
            throw malformed(source + ": the chunk is truncated");
        }
        boolean compressed = file[start] == 1;
        int lang = indexOf(file, start + 2, end);
        int translated = lang < 0 ? -1 : indexOf(file, lang + 1, end);
        if (translated < 0) {
            throw malformed(source + ": the chunk is malformed");
        }
        int text = translated + 1;
        if (!compressed) {
            return bounded(source, new String(file, text, end - text, StandardCharsets.UTF_8), end - text, maxBytes);
        }
        return new String(inflate(file, text, end, maxBytes, source), StandardCharsets.UTF_8);
    }

    private static String bounded(String source, String text, int bytes, int maxBytes) {
        if (bytes > maxBytes) {
            throw tooLong(source, maxBytes);
        }
        return text;
    }

    private static byte[] inflate(byte[] file, int from, int to, int maxBytes, String source) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(file, from, Math.max(0, to - from));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw malformed(source + ": the compressed text is truncated");
                }
                out.write(buf, 0, n);
                if (out.size() > maxBytes) {
                    throw tooLong(source, maxBytes);
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw malformed(source + ": the compressed text is corrupt");
        } finally {
            inflater.end();
        }
    }

    private static int indexOf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static InvalidInputException tooLong(String source, int maxBytes) {
        return malformed(source + ": the text is longer than " + maxBytes + " bytes, more than generator metadata"
                + " holds; stamp with options.import \"none\" to leave it unread");
    }

    private static InvalidInputException malformed(String message) {
        return new InvalidInputException(InvalidInputException.Kind.MALFORMED_IMAGE, message);
    }
}
