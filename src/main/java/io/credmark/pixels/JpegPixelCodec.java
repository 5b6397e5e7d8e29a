package io.credmark.pixels;

import io.credmark.InvalidInputException;
import io.credmark.bytes.BigEndian;
import io.credmark.container.ByteRange;
import io.credmark.container.ManifestStoreCarrier;
import io.credmark.container.ParsedImage;
import io.credmark.container.jpeg.JpegSegment;
import io.credmark.container.jpeg.JpegSegmentReader;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;

/**
 * JPEG decode and re-encode. Decoding uses the TwelveMonkeys reader without any colour management: samples are the
 * decoder's YCbCr→RGB output, in whatever colour space the file's ICC profile describes (that profile is kept, so it
 * still describes them).
 *
 * <p>Encoding, by default, works on coefficients ({@link #editCoefficients}): unchanged MCUs keep theirs, changed
 * ones are computed by {@link JpegUnits}, and {@link JpegBaselineWriter} writes the result after the input's metadata
 * segments. The re-encode modes, and the fallback, use the JDK's libjpeg-based writer with the input's frame layout
 * (chroma subsampling, restart interval, progressive or sequential) and tables, and splice its coding segments after
 * the input's metadata segments.
 */
final class JpegPixelCodec {

    private static final String NATIVE_FORMAT = "javax_imageio_jpeg_image_1.0";
    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] MPF = "MPF\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] JFIF = "JFIF\0".getBytes(StandardCharsets.ISO_8859_1);

    private JpegPixelCodec() {
    }

    record Result(BufferedImage image, JpegSource source, Orientation orientation) {
    }

    // ---------------------------------------------------------------------------------------------- decoding

    static Result decode(ParsedImage parsed) {
        byte[] file = parsed.bytes();
        List<JpegSegment> segments = JpegSegmentReader.read(file);
        Set<Long> c2pa = new HashSet<>();
        for (ManifestStoreCarrier store : parsed.stores()) {
            for (ByteRange r : store.ranges()) {
                c2pa.add(r.start());
            }
        }
        List<JpegSource.Kept> kept = new ArrayList<>();
        boolean jfif = false;
        int adobeTransform = -1;
        Map<Integer, int[]> tables = new TreeMap<>();
        int[][] components = null;
        int sof = -1;
        int restart = 0;
        Orientation orientation = Orientation.NORMAL;
        boolean orientationSeen = false;
        for (JpegSegment s : segments) {
            int m = s.marker();
            int p = (int) s.payloadOffset();
            int len = s.payloadLength();
            if (m == JpegSegment.SOS) {
                break;
            }
            if (s.isStartOfFrame() && sof < 0) {
                sof = m;
                components = frame(file, s);
            } else if (m == 0xDB) {
                readTables(file, p, len, tables);
            } else if (m == 0xDD && len >= 2) {
                restart = BigEndian.u16(file, p);
            } else if ((m >= 0xE0 && m <= 0xEF) || m == 0xFE) {
                if (c2pa.contains(s.offset()) || (m == 0xE2 && startsWith(file, p, len, MPF))) {
                    continue;
                }
                boolean adobe = m == 0xEE && startsWith(file, p, len, ADOBE);
                if (adobe && len >= 12 && adobeTransform < 0) {
                    adobeTransform = file[p + 11] & 0xFF;
                }
                if (m == JpegSegment.APP0 && startsWith(file, p, len, JFIF)) {
                    jfif = true;
                }
                kept.add(new JpegSource.Kept(s.range(), adobe));
                if (m == JpegSegment.APP1 && !orientationSeen && startsWith(file, p, len, EXIF)) {
                    orientation = Orientation.fromTiff(file, p + EXIF.length, len - EXIF.length);
                    orientationSeen = true;
                }
            }
        }
        if (components == null) {
            throw PixelCodec.malformed("not a valid JPEG: no frame header before the first scan");
        }
        checkFrame(file, sof, components.length, segments);
        for (int[] c : components) {
            if (!tables.containsKey(c[2])) {
                throw PixelCodec.malformed("JPEG component refers to quantization table " + c[2]
                        + ", which is not defined before the first scan");
            }
        }
        int[] lum = tables.get(components[0][2]);
        int[] chroma = components.length == 3 ? tables.get(components[1][2]) : null;
        JpegQuality.Estimate quality = JpegQuality.estimate(lum, chroma);
        BufferedImage image = read(file, components.length);
        if (image.getWidth() != parsed.header().width() || image.getHeight() != parsed.header().height()) {
            throw PixelCodec.malformed("JPEG decoded to " + image.getWidth() + "x" + image.getHeight()
                    + " but its frame header says " + parsed.header().width() + "x" + parsed.header().height());
        }
        boolean ycc = components.length == 3 && isYcc(file, segments, jfif, adobeTransform);
        long[] hashes = null;
        if (coefficientEditable(sof, components, tables)) {
            int[] g = units(components, image.getWidth(), image.getHeight());
            hashes = JpegUnits.hashes(image, g[0], g[1], g[2], g[3]);
        }
        JpegSource source = new JpegSource(file, kept, components, tables, restart, sof, quality, ycc, hashes);
        return new Result(image, source, orientation);
    }

    private static void checkFrame(byte[] file, int sof, int components, List<JpegSegment> segments) {
        String process = switch (sof) {
            case 0xC0, 0xC1, 0xC2, 0xC9, 0xCA -> null;
            case 0xC3, 0xCB -> "lossless";
            default -> "hierarchical";
        };
        if (process != null) {
            throw unsupported("a " + process + " JPEG (SOF" + (sof - 0xC0) + ") cannot be re-encoded");
        }
        for (JpegSegment s : segments) {
            if (s.isStartOfFrame()) {
                int precision = file[(int) s.payloadOffset()] & 0xFF;
                if (precision != 8) {
                    throw unsupported("a " + precision + "-bit JPEG cannot be re-encoded; only 8-bit samples are");
                }
                break;
            }
        }
        if (components == 4) {
            throw unsupported("a CMYK or YCCK JPEG cannot have its pixels changed without changing its colours (the"
                    + " encoder writes YCbCr only); stamp it without a mark or a watermark");
        }
        if (components != 1 && components != 3) {
            throw unsupported("a JPEG with " + components + " components cannot be re-encoded");
        }
    }

    /**
     * libjpeg's choice of colour space for three components (jdapimin.c): JFIF means YCbCr; else an Adobe segment's
     * transform (0: RGB); else component ids 'R', 'G', 'B' mean RGB; else YCbCr.
     */
    private static boolean isYcc(byte[] file, List<JpegSegment> segments, boolean jfif, int adobeTransform) {
        if (jfif) {
            return true;
        }
        if (adobeTransform >= 0) {
            return adobeTransform != 0;
        }
        for (JpegSegment s : segments) {
            if (s.isStartOfFrame()) {
                int p = (int) s.payloadOffset() + 6;
                return !(file[p] == 'R' && file[p + 3] == 'G' && file[p + 6] == 'B');
            }
        }
        return true;
    }

    /**
     * Whether the file's coefficients can be kept: Huffman coding (sequential or progressive), 8-bit tables,
     * sampling factors that divide the largest evenly.
     */
    private static boolean coefficientEditable(int sof, int[][] components, Map<Integer, int[]> tables) {
        if (sof != 0xC0 && sof != 0xC1 && sof != 0xC2) {
            return false;
        }
        int hmax = 1;
        int vmax = 1;
        for (int[] c : components) {
            hmax = Math.max(hmax, c[0]);
            vmax = Math.max(vmax, c[1]);
        }
        for (int[] c : components) {
            if (hmax % c[0] != 0 || vmax % c[1] != 0) {
                return false;
            }
            for (int v : tables.get(c[2])) {
                if (v < 1 || v > 255) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {unit width, unit height, units per row, unit rows}: one unit per MCU of an interleaved scan. */
    static int[] units(int[][] components, int width, int height) {
        int hmax = 1;
        int vmax = 1;
        for (int[] c : components) {
            hmax = Math.max(hmax, c[0]);
            vmax = Math.max(vmax, c[1]);
        }
        int uw = 8 * hmax;
        int uh = 8 * vmax;
        return new int[] {uw, uh, (width + uw - 1) / uw, (height + uh - 1) / uh};
    }

    /** {H, V, Tq} per component of a frame header (T.81 §B.2.2). */
    private static int[][] frame(byte[] file, JpegSegment s) {
        int p = (int) s.payloadOffset();
        int n = file[p + 5] & 0xFF;
        if (s.payloadLength() < 6 + 3 * n) {
            throw PixelCodec.malformed("JPEG frame header is too short for " + n + " components");
        }
        int[][] c = new int[n][];
        for (int i = 0; i < n; i++) {
            int q = p + 6 + 3 * i;
            int hv = file[q + 1] & 0xFF;
            c[i] = new int[] {hv >> 4, hv & 15, file[q + 2] & 0xFF};
            if (c[i][0] < 1 || c[i][0] > 4 || c[i][1] < 1 || c[i][1] > 4 || c[i][2] > 3) {
                throw PixelCodec.malformed("JPEG frame header has an invalid component specification");
            }
        }
        return c;
    }

    /** DQT (T.81 §B.2.4.1): Pq/Tq, then 64 values of 8 or 16 bits in zig-zag order, repeated. */
    private static void readTables(byte[] file, int p, int len, Map<Integer, int[]> tables) {
        int end = p + len;
        while (p < end) {
            int pq = (file[p] & 0xFF) >> 4;
            int tq = file[p] & 15;
            int size = pq == 0 ? 64 : 128;
            if (pq > 1 || tq > 3 || end - p - 1 < size) {
                throw PixelCodec.malformed("JPEG quantization table segment is malformed");
            }
            int[] zigzag = new int[64];
            for (int k = 0; k < 64; k++) {
                zigzag[k] = pq == 0 ? file[p + 1 + k] & 0xFF : BigEndian.u16(file, p + 1 + 2 * k);
            }
            tables.put(tq, JpegQuality.naturalOrder(zigzag));
            p += 1 + size;
        }
    }

    private static BufferedImage read(byte[] file, int components) {
        ImageReader reader = reader();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            reader.setInput(in, true, true);
            if (components == 1) {
                Raster raster = reader.readRaster(0, null);
                BufferedImage gray = new BufferedImage(raster.getWidth(), raster.getHeight(),
                        BufferedImage.TYPE_BYTE_GRAY);
                gray.getRaster().setRect(raster);
                return gray;
            }
            ImageReadParam param = reader.getDefaultReadParam();
            // With an embedded ICC profile the reader would convert to sRGB by default; asking for the profile's
            // own colour space returns the decoded samples untouched.
            for (Iterator<ImageTypeSpecifier> it = reader.getImageTypes(0); it.hasNext();) {
                ImageTypeSpecifier t = it.next();
                ColorSpace cs = t.getColorModel().getColorSpace();
                if (cs.getType() == ColorSpace.TYPE_RGB && !cs.isCS_sRGB() && t.getNumBands() == 3) {
                    param.setDestinationType(t);
                    break;
                }
            }
            BufferedImage decoded = reader.read(0, param);
            if (decoded.getRaster().getNumBands() != 3 || decoded.getSampleModel().getSampleSize(0) != 8) {
                throw PixelCodec.malformed("JPEG decoded to an unexpected layout");
            }
            BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(),
                    BufferedImage.TYPE_3BYTE_BGR);
            rgb.getRaster().setRect(decoded.getRaster());
            return rgb;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw PixelCodec.malformed("the JPEG cannot be decoded (" + e.getMessage() + ")", e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader() {
        ImageReader fallback = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext();) {
            ImageReader r = it.next();
            if (r.getClass().getName().startsWith("com.twelvemonkeys.")) {
                return r;
            }
            if (fallback == null) {
                fallback = r;
            }
        }
        if (fallback == null) {
            throw new IllegalStateException("no JPEG reader is installed");
        }
        return fallback;
    }

    // ---------------------------------------------------------------------------------------------- encoding

    static byte[] encode(JpegSource src, BufferedImage image, PixelCodec.JpegMode mode) {
        int bands = image.getRaster().getNumBands();
        if (bands != src.components().length || image.getColorModel().hasAlpha()
                || image.getSampleModel().getSampleSize(0) != 8) {
            throw new IllegalArgumentException("the changed image must have the decoded image's layout ("
                    + src.components().length + " bands of 8 bits, no alpha)");
        }
        BufferedImage plain = image;
        int wanted = bands == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
        java.awt.image.WritableRaster r = image.getRaster();
        boolean standalone = r.getParent() == null && r.getSampleModelTranslateX() == 0
                && r.getSampleModelTranslateY() == 0 && r.getDataBuffer().getOffset() == 0;
        if (image.getType() != wanted || !standalone) { // a plain, unshared raster: the hashes read it directly
            plain = new BufferedImage(image.getWidth(), image.getHeight(), wanted);
            plain.getRaster().setRect(image.getRaster());
        }
        if (mode == PixelCodec.JpegMode.KEEP_UNCHANGED_BLOCKS && src.unitHashes() != null) {
            try {
                return editCoefficients(src, plain);
            } catch (RuntimeException e) {
                // The decoder read the file but its coefficients cannot be carried over (damaged entropy-coded
                // data it tolerated, values outside the baseline range): the whole image is re-encoded instead.
            }
        }
        byte[] coded = write(src, plain, mode);
        return splice(src, coded);
    }

    /**
     * Keeps the quantized coefficients of every MCU whose pixels did not change and computes new ones for the rest;
     * writes baseline Huffman with the input's tables, frame, restart interval and all its metadata segments.
     */
    private static byte[] editCoefficients(JpegSource src, BufferedImage image) {
        int[] g = units(src.components(), image.getWidth(), image.getHeight());
        long[] now = JpegUnits.hashes(image, g[0], g[1], g[2], g[3]);
        boolean[] changed = new boolean[now.length];
        for (int i = 0; i < now.length; i++) {
            changed[i] = now[i] != src.unitHashes()[i];
        }
        JpegFrame frame = JpegCoefficientReader.read(src.file());
        JpegUnits.recompute(frame, image, changed, src.tables(), src.ycc());
        List<byte[]> head = new ArrayList<>();
        for (JpegSource.Kept k : src.kept()) {
            head.add(java.util.Arrays.copyOfRange(src.file(), (int) k.range().start(), (int) k.range().end()));
        }
        Map<Integer, int[]> tables = new TreeMap<>();
        for (JpegFrame.Component c : frame.components) {
            tables.put(c.tq, src.tables().get(c.tq));
        }
        return JpegBaselineWriter.write(head, frame, tables, src.restartInterval(), src.file().length + 1024);
    }

    private static byte[] write(JpegSource src, BufferedImage image, PixelCodec.JpegMode mode) {
        ImageWriter writer = writer();
        try {
            JPEGImageWriteParam param = (JPEGImageWriteParam) writer.getDefaultWriteParam();
            param.setOptimizeHuffmanTables(true);
            if (src.progressive()) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(NATIVE_FORMAT);
            configure(root, src, mode);
            metadata.setFromTree(NATIVE_FORMAT, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(src.file().length + 4096);
            try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("JPEG encoding failed: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * Edits the writer's default metadata: no Adobe, COM or unknown segment (the input's own are spliced in), the
     * tables
     * chosen by {@code mode}, the input's sampling factors, and its restart interval.
     */
    private static void configure(IIOMetadataNode root, JpegSource src, PixelCodec.JpegMode mode) {
        // The JFIF node stays: without it the writer stores unsubsampled colour as RGB rather than YCbCr. Its
        // APP0 segment is cut out again when the output is assembled.
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        for (String unwanted : new String[] {"app14Adobe", "unknown", "com"}) {
            while (markers.getElementsByTagName(unwanted).getLength() > 0) {
                Node n = markers.getElementsByTagName(unwanted).item(0);
                n.getParentNode().removeChild(n);
            }
        }
        Map<Integer, int[]> tables = tablesFor(src, mode);
        IIOMetadataNode dqt = (IIOMetadataNode) markers.getElementsByTagName("dqt").item(0);
        while (dqt.getFirstChild() != null) {
            dqt.removeChild(dqt.getFirstChild());
        }
        Map<Integer, Integer> selector = new TreeMap<>();
        for (Map.Entry<Integer, int[]> t : tables.entrySet()) {
            IIOMetadataNode table = new IIOMetadataNode("dqtable");
            table.setAttribute("elementPrecision", "0");
            table.setAttribute("qtableId", Integer.toString(t.getKey()));
            table.setUserObject(new JPEGQTable(t.getValue()));
            dqt.appendChild(table);
        }
        int[][] comps = src.components();
        for (int i = 0; i < comps.length; i++) {
            boolean own = mode != PixelCodec.JpegMode.REENCODE_ESTIMATED_QUALITY && usable(src);
            selector.put(i, own ? comps[i][2] : (i == 0 ? 0 : 1));
        }
        IIOMetadataNode sof = (IIOMetadataNode) markers.getElementsByTagName("sof").item(0);
        for (int i = 0; i < comps.length; i++) {
            IIOMetadataNode spec = (IIOMetadataNode) sof.getElementsByTagName("componentSpec").item(i);
            spec.setAttribute("HsamplingFactor", Integer.toString(comps[i][0]));
            spec.setAttribute("VsamplingFactor", Integer.toString(comps[i][1]));
            spec.setAttribute("QtableSelector", Integer.toString(selector.get(i)));
        }
        if (src.restartInterval() > 0) {
            IIOMetadataNode dri = new IIOMetadataNode("dri");
            dri.setAttribute("interval", Integer.toString(src.restartInterval()));
            markers.insertBefore(dri, sof);
        }
    }

    /** The input's tables when they fit 8-bit baseline tables, otherwise the IJG tables of the estimated quality. */
    static Map<Integer, int[]> tablesFor(JpegSource src, PixelCodec.JpegMode mode) {
        Map<Integer, int[]> out = new TreeMap<>();
        if (mode != PixelCodec.JpegMode.REENCODE_ESTIMATED_QUALITY && usable(src)) {
            for (int[] c : src.components()) {
                out.put(c[2], src.tables().get(c[2]));
            }
            return out;
        }
        int q = src.quality().quality();
        out.put(0, JpegQuality.luminanceTable(q));
        if (src.components().length > 1) {
            out.put(1, JpegQuality.chrominanceTable(q));
        }
        return out;
    }

    private static boolean usable(JpegSource src) {
        for (int[] c : src.components()) {
            for (int v : src.tables().get(c[2])) {
                if (v < 1 || v > 255) {
                    return false;
                }
            }
        }
        return true;
    }

    /** SOI, the input's kept metadata segments in their order, then the encoder's tables, frame and scans. */
    private static byte[] splice(JpegSource src, byte[] coded) {
        List<JpegSegment> segments = JpegSegmentReader.read(coded);
        int codingStart = 2;
        for (JpegSegment s : segments) {
            int m = s.marker();
            if ((m >= 0xE0 && m <= 0xEF) || m == 0xFE) {
                codingStart = (int) s.range().end(); // the encoder's own APPn/COM, if any, are skipped
            } else {
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(coded.length + src.file().length / 4);
        out.write(0xFF);
        out.write(0xD8);
        for (JpegSource.Kept k : src.kept()) {
            if (!k.adobe()) { // the encoder writes YCbCr with component ids 1, 2, 3; an old transform flag would lie
                out.write(src.file(), (int) k.range().start(), (int) k.range().length());
            }
        }
        out.write(coded, codingStart, coded.length - codingStart);
        return out.toByteArray();
    }

    private static ImageWriter writer() {
        ImageWriter fallback = null;
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext();) {
            ImageWriter w = it.next();
            if (w.getClass().getName().equals("com.sun.imageio.plugins.jpeg.JPEGImageWriter")) {
                return w;
            }
            if (fallback == null) {
                fallback = w;
            }
        }
        if (fallback == null) {
            throw new IllegalStateException("no JPEG writer is installed");
        }
        return fallback;
    }

    private static boolean startsWith(byte[] file, int p, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (file[p + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static InvalidInputException unsupported(String message) {
        return new InvalidInputException(InvalidInputException.Kind.UNSUPPORTED_FORMAT, message);
    }
}
