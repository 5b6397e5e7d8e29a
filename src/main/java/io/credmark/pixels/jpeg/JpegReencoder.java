package io.credmark.pixels.jpeg;

import io.credmark.container.jpeg.JpegSegment;
import io.credmark.container.jpeg.JpegSegmentReader;
import io.credmark.pixels.Cores;
import io.credmark.pixels.LumaBands;
import io.credmark.pixels.PixelCodec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Node;

/**
 * Writes changed pixels back into a decoded JPEG. By default it works on coefficients ({@link #editCoefficients}):
 * unchanged MCUs keep theirs, changed ones are computed by {@link JpegUnits}, and {@link JpegBaselineWriter} writes
 * the result after the input's metadata segments. The re-encode modes, and the fallback, use the JDK's libjpeg-based
 * writer with the input's frame layout (chroma subsampling, restart interval, progressive or sequential) and tables,
 * and splice its coding segments after the input's metadata segments.
 */
final class JpegReencoder {

    private static final String NATIVE_FORMAT = "javax_imageio_jpeg_image_1.0";

    private JpegReencoder() {
    }

    static byte[] encode(JpegSource src, BufferedImage image, PixelCodec.JpegMode mode) {
        BufferedImage plain = plain(src, image);
        if (editable(src, mode)) {
            try {
                return edit(src, plain).write();
            } catch (RuntimeException e) {
                // The decoder read the file but its coefficients cannot be carried over (damaged entropy-coded
                // data it tolerated, values outside the baseline range): the whole image is re-encoded instead.
            }
        }
        byte[] coded = write(src, plain, mode);
        return splice(src, coded);
    }

    /**
     * {@link #encode} by editing coefficients, with {@code test} answered on the luminance of the coefficients
     * written, while they are written on another core when one is spare. Empty when the coefficients cannot be
     * edited or their luminance is not the file's Y at full resolution: {@link #encode} writes those.
     */
    static Optional<PixelCodec.Checked> encodeChecked(JpegSource src, BufferedImage image, PixelCodec.JpegMode mode,
            Predicate<LumaBands> test) {
        if (!editable(src, mode) || src.components().length == 3 && !src.ycc()) {
            return Optional.empty();
        }
        Edit edit;
        try {
            edit = edit(src, plain(src, image));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Optional<LumaBands> luma = JpegLuma.of(edit.frame, src.tables(), src.orientation());
        if (luma.isEmpty()) {
            return Optional.empty();
        }
        Cores.Aside<byte[]> writing = Cores.aside(edit::write);
        boolean passed = test.test(luma.get());
        try {
            return Optional.of(new PixelCodec.Checked(writing.join(), passed));
        } catch (RuntimeException e) {
            return Optional.empty(); // as in encode: this file is re-encoded whole, its luminance read from it
        }
    }

    /** Whether the output keeps the input's unchanged blocks and the decoder hashed them to find which those are. */
    private static boolean editable(JpegSource src, PixelCodec.JpegMode mode) {
        return mode == PixelCodec.JpegMode.KEEP_UNCHANGED_BLOCKS && src.unitHashes() != null;
    }

    /** The changed image as a plain raster of the decoded layout, which the unit hashes read directly. */
    private static BufferedImage plain(JpegSource src, BufferedImage image) {
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
        return plain;
    }

    /**
     * The input's coefficients with those of every changed MCU computed anew, to be written in baseline Huffman with
     * the input's tables, frame, restart interval and all its metadata segments.
     */
    private record Edit(JpegSource src, JpegFrame frame) {

        byte[] write() {
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
    }

    /** Keeps the quantized coefficients of every MCU whose pixels did not change and computes new ones for the rest. */
    private static Edit edit(JpegSource src, BufferedImage image) {
        int[] g = JpegUnits.grid(src.components(), image.getWidth(), image.getHeight());
        // the input's coefficients are read on another core, when spare, while the changed units are found
        Cores.Aside<JpegFrame> read = Cores.aside(() -> JpegCoefficientReader.read(src.file()));
        JpegUnits.Hashes now = JpegUnits.hashes(image, g[0], g[1], g[2], g[3]);
        JpegUnits.Hashes before = src.unitHashes();
        int units = now.pixels().length;
        boolean[] changed = new boolean[units];
        boolean[] lumaOnly = before.chroma() == null ? null : new boolean[units];
        for (int i = 0; i < units; i++) {
            changed[i] = now.pixels()[i] != before.pixels()[i];
            if (lumaOnly != null) {
                lumaOnly[i] = now.chroma()[i] == before.chroma()[i];
            }
        }
        JpegFrame frame = read.join();
        // the first component is Y in a YCbCr frame (T.81 with JFIF: component order Y, Cb, Cr)
        JpegUnits.recompute(frame, image, changed, lumaOnly, src.tables(), src.ycc());
        return new Edit(src, frame);
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
}
