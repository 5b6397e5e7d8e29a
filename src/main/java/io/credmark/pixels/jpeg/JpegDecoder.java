package io.credmark.pixels.jpeg;

import io.credmark.InvalidInputException;
import io.credmark.bytes.BigEndian;
import io.credmark.container.ByteRange;
import io.credmark.container.ManifestStoreCarrier;
import io.credmark.container.ParsedImage;
import io.credmark.container.jpeg.JpegSegment;
import io.credmark.container.jpeg.JpegSegmentReader;
import io.credmark.pixels.Decoded;
import io.credmark.pixels.Orientation;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * JPEG decoding for {@link io.credmark.pixels.PixelCodec}. Uses the TwelveMonkeys reader without any colour
 * management: samples are the decoder's YCbCr→RGB output, in whatever colour space the file's ICC profile describes
 * (that profile is kept, so it still describes them). Alongside the pixels it keeps, in a {@link JpegSource}, what
 * {@link JpegReencoder} needs to write changed pixels back: the metadata segments, frame, tables, restart interval,
 * and a hash of every MCU's pixels.
 */
public final class JpegDecoder {

    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] MPF = "MPF\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] JFIF = "JFIF\0".getBytes(StandardCharsets.ISO_8859_1);

    private JpegDecoder() {
    }

    /**
     * Decodes a JPEG whose container has been read and checked.
     *
     * @throws io.credmark.InvalidInputException MALFORMED_IMAGE for damaged files, UNSUPPORTED_FORMAT for kinds
     *                                           whose pixels cannot be written back (CMYK, 12-bit, lossless, …)
     */
    public static Decoded.Pixels decode(ParsedImage parsed) {
        byte[] file = parsed.bytes();
        List<JpegSegment> segments = JpegSegmentReader.read(file);
        Set<Long> c2pa = new HashSet<>();
        for (ManifestStoreCarrier store : parsed.stores()) {
            for (ByteRange r : store.ranges()) {
                c2pa.add(r.start());
            }
        }
        List<JpegSource.Kept> kept = new ArrayList<>();
        Map<Integer, int[]> tables = new TreeMap<>();
        int[][] components = null;
        int sof = -1;
        int restart = 0;
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
                kept.add(new JpegSource.Kept(s.range(), adobe));
            }
        }
        if (components == null) {
            throw JpegErrors.malformed("not a valid JPEG: no frame header before the first scan");
        }
        checkFrame(file, sof, components.length, segments);
        for (int[] c : components) {
            if (!tables.containsKey(c[2])) {
                throw JpegErrors.malformed("JPEG component refers to quantization table " + c[2]
                        + ", which is not defined before the first scan");
            }
        }
        int[] lum = tables.get(components[0][2]);
        int[] chroma = components.length == 3 ? tables.get(components[1][2]) : null;
        JpegQuality.Estimate quality = JpegQuality.estimate(lum, chroma);
        BufferedImage image = read(file, components.length);
        if (image.getWidth() != parsed.header().width() || image.getHeight() != parsed.header().height()) {
            throw JpegErrors.malformed("JPEG decoded to " + image.getWidth() + "x" + image.getHeight()
                    + " but its frame header says " + parsed.header().width() + "x" + parsed.header().height());
        }
        boolean ycc = components.length == 3 && isYcc(file, segments);
        JpegUnits.Hashes hashes = null;
        if (coefficientEditable(sof, components, tables)) {
            int[] g = JpegUnits.grid(components, image.getWidth(), image.getHeight());
            hashes = JpegUnits.hashes(image, g[0], g[1], g[2], g[3]);
        }
        Orientation orientation = orientation(file, segments);
        JpegSource source = new JpegSource(file, kept, components, tables, restart, sof, quality, ycc, hashes,
                orientation);
        return new Decoded.Pixels(image, orientation, source);
    }

    private static void checkFrame(byte[] file, int sof, int components, List<JpegSegment> segments) {
        String process = switch (sof) {
            case 0xC0, 0xC1, 0xC2, 0xC9, 0xCA -> null;
            case 0xC3, 0xCB -> "lossless";
            default -> "hierarchical";
        };
        if (process != null) {
            throw JpegErrors.unsupported("a " + process + " JPEG (SOF" + (sof - 0xC0) + ") cannot be re-encoded");
        }
        for (JpegSegment s : segments) {
            if (s.isStartOfFrame()) {
                int precision = file[(int) s.payloadOffset()] & 0xFF;
                if (precision != 8) {
                    throw JpegErrors.unsupported("a " + precision + "-bit JPEG cannot be re-encoded; only 8-bit samples are");
                }
                break;
            }
        }
        if (components == 4) {
            throw JpegErrors.unsupported("a CMYK or YCCK JPEG cannot have its pixels changed without changing its colours (the"
                    + " encoder writes YCbCr only); stamp it without a mark or a watermark");
        }
        if (components != 1 && components != 3) {
            throw JpegErrors.unsupported("a JPEG with " + components + " components cannot be re-encoded");
        }
    }

    /**
     * libjpeg's choice of colour space for three components (jdapimin.c): JFIF means YCbCr; else an Adobe segment's
     * transform (0: RGB); else component ids 'R', 'G', 'B' mean RGB; else YCbCr.
     */
    static boolean isYcc(byte[] file, List<JpegSegment> segments) {
        int adobeTransform = -1;
        for (JpegSegment s : segments) {
            int p = (int) s.payloadOffset();
            int len = s.payloadLength();
            if (s.marker() == JpegSegment.SOS) {
                break;
            }
            if (s.marker() == JpegSegment.APP0 && startsWith(file, p, len, JFIF)) {
                return true;
            }
            if (s.marker() == 0xEE && len >= 12 && adobeTransform < 0 && startsWith(file, p, len, ADOBE)) {
                adobeTransform = file[p + 11] & 0xFF;
            }
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

    /** The orientation of the first Exif APP1 segment before the first scan; normal without one. */
    static Orientation orientation(byte[] file, List<JpegSegment> segments) {
        for (JpegSegment s : segments) {
            if (s.marker() == JpegSegment.SOS) {
                break;
            }
            int p = (int) s.payloadOffset();
            int len = s.payloadLength();
            if (s.marker() == JpegSegment.APP1 && startsWith(file, p, len, EXIF)) {
                return Orientation.fromTiff(file, p + EXIF.length, len - EXIF.length);
            }
        }
        return Orientation.NORMAL;
    }

    /** {H, V, Tq} per component of a frame header (T.81 §B.2.2). */
    static int[][] frame(byte[] file, JpegSegment s) {
        int p = (int) s.payloadOffset();
        int n = file[p + 5] & 0xFF;
        if (s.payloadLength() < 6 + 3 * n) {
            throw JpegErrors.malformed("JPEG frame header is too short for " + n + " components");
        }
        int[][] c = new int[n][];
        for (int i = 0; i < n; i++) {
            int q = p + 6 + 3 * i;
            int hv = file[q + 1] & 0xFF;
            c[i] = new int[] {hv >> 4, hv & 15, file[q + 2] & 0xFF};
            if (c[i][0] < 1 || c[i][0] > 4 || c[i][1] < 1 || c[i][1] > 4 || c[i][2] > 3) {
                throw JpegErrors.malformed("JPEG frame header has an invalid component specification");
            }
        }
        return c;
    }

    /** DQT (T.81 §B.2.4.1): Pq/Tq, then 64 values of 8 or 16 bits in zig-zag order, repeated. */
    static void readTables(byte[] file, int p, int len, Map<Integer, int[]> tables) {
        int end = p + len;
        while (p < end) {
            int pq = (file[p] & 0xFF) >> 4;
            int tq = file[p] & 15;
            int size = pq == 0 ? 64 : 128;
            if (pq > 1 || tq > 3 || end - p - 1 < size) {
                throw JpegErrors.malformed("JPEG quantization table segment is malformed");
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
                throw JpegErrors.malformed("JPEG decoded to an unexpected layout");
            }
            java.awt.image.WritableRaster r = decoded.getRaster();
            if (decoded.getType() == BufferedImage.TYPE_3BYTE_BGR && r.getParent() == null
                    && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0
                    && r.getDataBuffer().getOffset() == 0) {
                return decoded; // already the layout handed out: no copy
            }
            BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(),
                    BufferedImage.TYPE_3BYTE_BGR);
            rgb.getRaster().setRect(decoded.getRaster());
            return rgb;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw JpegErrors.malformed("the JPEG cannot be decoded (" + e.getMessage() + ")", e);
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
}
