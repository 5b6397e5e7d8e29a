package io.credmark.pixels;

import io.credmark.container.jpeg.JpegSegment;
import io.credmark.container.jpeg.JpegSegmentReader;
import io.credmark.container.png.PngChunk;
import io.credmark.container.png.PngChunkReader;
import io.credmark.testing.Corpus;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Helpers for pixel tests: independent decoding with ImageIO, chunk and segment lists, comparisons. */
public final class PixelTesting {

    private PixelTesting() {
    }

    public static byte[] bytes(String relative) {
        return Corpus.bytes(relative);
    }

    public static List<String> files(String dir, String suffix) {
        try (var s = Files.list(Corpus.file(dir))) {
            return s.map(Path::getFileName).map(Path::toString).filter(n -> n.endsWith(suffix)).sorted()
                    .map(n -> dir + "/" + n).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes with the named ImageIO plug-in (class name prefix), independently of the codec under test. */
    public static BufferedImage imageIo(byte[] file, String format, String readerPrefix) {
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format); it.hasNext();) {
            ImageReader r = it.next();
            if (!r.getClass().getName().startsWith(readerPrefix)) {
                continue;
            }
            try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(file))) {
                r.setInput(in);
                return r.read(0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                r.dispose();
            }
        }
        throw new IllegalStateException("no " + format + " reader " + readerPrefix);
    }

    /** The JDK's own PNG reader: raw samples, palette indices with their colour model. */
    public static BufferedImage pngImageIo(byte[] file) {
        return imageIo(file, "png", "com.sun.imageio.plugins.png");
    }

    /** The values a pixel stands for: ARGB for indexed images, the raster samples otherwise. */
    public static int[] pixel(BufferedImage image, int x, int y) {
        if (image.getColorModel() instanceof IndexColorModel) {
            int argb = image.getRGB(x, y);
            return new int[] {(argb >>> 24) == 0 ? 0 : argb};
        }
        return image.getRaster().getPixel(x, y, (int[]) null);
    }

    /** Pixels outside {@code box} (null: everywhere) that differ, as a count. */
    public static long differencesOutside(BufferedImage a, BufferedImage b, Rectangle box) {
        long n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (box != null && box.contains(x, y)) {
                    continue;
                }
                if (!Arrays.equals(pixel(a, x, y), pixel(b, x, y))) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Pixels inside {@code box} that differ. */
    public static long differencesInside(BufferedImage a, BufferedImage b, Rectangle box) {
        long n = 0;
        for (int y = box.y; y < box.y + box.height; y++) {
            for (int x = box.x; x < box.x + box.width; x++) {
                if (!Arrays.equals(pixel(a, x, y), pixel(b, x, y))) {
                    n++;
                }
            }
        }
        return n;
    }

    /** PSNR in dB over 8-bit samples, pixels inside {@code exclude} left out. */
    public static double psnr(BufferedImage a, BufferedImage b, Rectangle exclude) {
        Raster ra = a.getRaster();
        Raster rb = b.getRaster();
        int bands = ra.getNumBands();
        double sum = 0;
        long n = 0;
        int[] pa = new int[bands];
        int[] pb = new int[bands];
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (exclude != null && exclude.contains(x, y)) {
                    continue;
                }
                ra.getPixel(x, y, pa);
                rb.getPixel(x, y, pb);
                for (int i = 0; i < bands; i++) {
                    double d = pa[i] - pb[i];
                    sum += d * d;
                    n++;
                }
            }
        }
        double mse = sum / n;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    // ------------------------------------------------------------------------------------------------ PNG chunks

    public record Chunk(String type, byte[] bytes) {
        @Override
        public String toString() {
            return type + "(" + bytes.length + ")";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Chunk c && c.type.equals(type) && Arrays.equals(c.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return type.hashCode();
        }
    }

    /** Every chunk, whole (length, type, data, CRC). */
    public static List<Chunk> chunks(byte[] png) {
        List<Chunk> out = new ArrayList<>();
        for (PngChunk c : PngChunkReader.read(png).chunks()) {
            out.add(new Chunk(c.type(), Arrays.copyOfRange(png, (int) c.offset(),
                    (int) c.offset() + c.dataLength() + 12)));
        }
        return out;
    }

    /** The chunks with every run of IDAT chunks replaced by one "IDAT" placeholder. */
    public static List<Chunk> chunksAroundIdat(byte[] png) {
        List<Chunk> out = new ArrayList<>();
        for (Chunk c : chunks(png)) {
            if (c.type.equals("IDAT")) {
                if (out.isEmpty() || !out.get(out.size() - 1).type.equals("IDAT")) {
                    out.add(new Chunk("IDAT", new byte[0]));
                }
            } else {
                out.add(c);
            }
        }
        return out;
    }

    public static byte[] chunk(String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(data.length >>> 24);
        out.write(data.length >>> 16);
        out.write(data.length >>> 8);
        out.write(data.length);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        long v = crc.getValue();
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
        return out.toByteArray();
    }

    /** Inserts whole chunks before the first chunk of type {@code beforeType}. */
    public static byte[] insertBefore(byte[] png, String beforeType, byte[]... newChunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 8);
        boolean done = false;
        for (Chunk c : chunks(png)) {
            if (!done && c.type.equals(beforeType)) {
                for (byte[] n : newChunks) {
                    out.writeBytes(n);
                }
                done = true;
            }
            out.writeBytes(c.bytes);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------------------------------------ JPEG

    public record Segment(int marker, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Segment s && s.marker == marker && Arrays.equals(s.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return marker;
        }

        @Override
        public String toString() {
            return String.format("FF%02X(%d)", marker, bytes.length);
        }
    }

    /** The segments before the first scan, whole. */
    public static List<Segment> segmentsBeforeScan(byte[] jpeg) {
        List<Segment> out = new ArrayList<>();
        for (JpegSegment s : JpegSegmentReader.read(jpeg)) {
            if (s.marker() == JpegSegment.SOS) {
                break;
            }
            out.add(new Segment(s.marker(), Arrays.copyOfRange(jpeg, (int) s.offset(),
                    (int) s.offset() + s.payloadLength() + 4)));
        }
        return out;
    }

    /** APPn and COM segments before the first scan. */
    public static List<Segment> metadataSegments(byte[] jpeg) {
        return segmentsBeforeScan(jpeg).stream()
                .filter(s -> (s.marker() >= 0xE0 && s.marker() <= 0xEF) || s.marker() == 0xFE).toList();
    }

    public static boolean startsWith(byte[] segment, String identifier) {
        byte[] id = identifier.getBytes(StandardCharsets.ISO_8859_1);
        if (segment.length < 4 + id.length) {
            return false;
        }
        return Arrays.equals(Arrays.copyOfRange(segment, 4, 4 + id.length), id);
    }

    public static void write(Path path, byte[] bytes) {
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
