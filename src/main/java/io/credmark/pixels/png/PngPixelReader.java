package io.credmark.pixels.png;

import io.credmark.InvalidInputException;
import io.credmark.bytes.BigEndian;
import io.credmark.container.png.PngChunk;
import io.credmark.pixels.Decoded;
import io.credmark.pixels.Orientation;
import io.credmark.pixels.PixelImages;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes PNG samples exactly as stored (PNG spec §7–§9): inflates the IDAT stream with a bound equal to the size the
 * header implies, reverses the filters, undoes Adam7, and unpacks samples. No gamma, ICC or chromaticity chunk is
 * applied. Gray images of 1, 2 or 4 bits are handed out as 8-bit gray (values scaled exactly by 255, 85 or 17);
 * palette images as RGB or ARGB, with the indices kept for re-encoding.
 */
public final class PngPixelReader {

    private PngPixelReader() {
    }

    /**
     * Decodes a PNG whose chunk list has been read and checked.
     *
     * @param chunks the file's chunks, IHDR first
     * @throws InvalidInputException MALFORMED_IMAGE for damaged image data, UNSUPPORTED_FORMAT for APNG
     */
    public static Decoded.Pixels read(byte[] file, List<PngChunk> chunks) {
        PngChunk ihdr = chunks.get(0);
        int at = (int) ihdr.dataOffset();
        int width = (int) BigEndian.u32(file, at);
        int height = (int) BigEndian.u32(file, at + 4);
        int depth = file[at + 8] & 0xFF;
        int colourType = file[at + 9] & 0xFF;
        int compression = file[at + 10] & 0xFF;
        int filterMethod = file[at + 11] & 0xFF;
        int interlace = file[at + 12] & 0xFF;
        if (compression != 0 || filterMethod != 0 || interlace > 1) {
            throw malformed("PNG header declares compression " + compression + ", filter method "
                    + filterMethod + ", interlace " + interlace + "; only 0, 0 and 0 or 1 exist");
        }
        PngRaw raw = new PngRaw(width, height, depth, colourType, interlace == 1);

        int[] palette = null;
        int[] key = null;
        byte[] trns = null;
        boolean hist = false;
        Orientation orientation = Orientation.NORMAL;
        for (PngChunk c : chunks) {
            String t = c.type();
            int d = (int) c.dataOffset();
            switch (t) {
                case "acTL" -> throw new InvalidInputException(InvalidInputException.Kind.UNSUPPORTED_FORMAT,
                        "animated PNG (APNG): changing the pixels of one frame is not supported; stamp it without"
                                + " a mark");
                case "PLTE" -> {
                    if (c.dataLength() % 3 != 0 || c.dataLength() == 0 || c.dataLength() > 768) {
                        throw malformed("PNG PLTE chunk has " + c.dataLength() + " bytes");
                    }
                    palette = new int[c.dataLength() / 3];
                    for (int i = 0; i < palette.length; i++) {
                        palette[i] = 0xFF000000 | ((file[d + 3 * i] & 0xFF) << 16)
                                | ((file[d + 3 * i + 1] & 0xFF) << 8) | (file[d + 3 * i + 2] & 0xFF);
                    }
                }
                case "tRNS" -> trns = Arrays.copyOfRange(file, d, d + c.dataLength());
                case "hIST" -> hist = true;
                case "eXIf" -> orientation = Orientation.fromTiff(file, d, c.dataLength());
                default -> {
                    if (Character.isUpperCase(t.charAt(0)) && !PngChunks.CRITICAL.contains(t)) {
                        throw new InvalidInputException(InvalidInputException.Kind.UNSUPPORTED_FORMAT,
                                "PNG has an unknown critical chunk " + t + "; it cannot be decoded");
                    }
                }
            }
        }
        if (colourType == 3) {
            if (palette == null) {
                throw malformed("palette PNG without a PLTE chunk");
            }
            if (trns != null) {
                for (int i = 0; i < Math.min(trns.length, palette.length); i++) {
                    palette[i] = (palette[i] & 0x00FFFFFF) | ((trns[i] & 0xFF) << 24);
                }
            }
        } else if (trns != null && (colourType == 0 || colourType == 2)) {
            int n = colourType == 0 ? 1 : 3;
            if (trns.length == 2 * n) {
                key = new int[n];
                for (int i = 0; i < n; i++) {
                    key[i] = BigEndian.u16(trns, 2 * i) & ((1 << depth) - 1);
                }
            }
        }

        byte[] data = inflate(file, chunks, raw);
        boolean paletteAlpha = palette != null && hasTransparency(palette);
        BufferedImage image;
        if (colourType == 3) {
            image = PixelImages.createForPalette(width, height, paletteAlpha);
        } else {
            boolean gray = colourType == 0 || colourType == 4;
            boolean alpha = colourType == 4 || colourType == 6;
            image = PixelImages.create(width, height, gray, alpha, depth == 16 ? 16 : 8);
        }
        byte[] indices = colourType == 3 ? new byte[Math.multiplyExact(width, height)] : null;
        decodePasses(data, raw, image, palette, indices);
        BufferedImage original = key != null ? PixelImages.copy(image) : null;
        PngSource source = new PngSource(file, chunks, raw, palette, indices, key, original, hist);
        return new Decoded.Pixels(image, orientation, source);
    }

    private static boolean hasTransparency(int[] palette) {
        for (int argb : palette) {
            if ((argb >>> 24) != 0xFF) {
                return true;
            }
        }
        return false;
    }

    /** Inflates the concatenated IDAT data to exactly the length the header implies. */
    private static byte[] inflate(byte[] file, List<PngChunk> chunks, PngRaw raw) {
        long expected = raw.rawLength();
        if (expected > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException(InvalidInputException.Kind.TOO_LARGE, "the PNG's pixel data would take "
                    + expected + " bytes uncompressed; at most " + (Integer.MAX_VALUE - 16) + " are supported");
        }
        byte[] out = new byte[(int) expected];
        int produced = 0;
        Inflater inflater = new Inflater();
        try {
            for (PngChunk c : chunks) {
                if (!"IDAT".equals(c.type()) || produced == out.length || inflater.finished()) {
                    continue;
                }
                inflater.setInput(file, (int) c.dataOffset(), c.dataLength());
                while (produced < out.length && !inflater.finished() && !inflater.needsInput()) {
                    int n = inflater.inflate(out, produced, out.length - produced);
                    if (n == 0 && inflater.needsDictionary()) {
                        throw malformed("PNG image data asks for a preset dictionary");
                    }
                    produced += n;
                }
            }
        } catch (DataFormatException e) {
            throw malformed("PNG image data is corrupt (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
        if (produced < out.length) {
            throw malformed("PNG image data ends early: " + produced + " of " + out.length + " bytes");
        }
        return out;
    }

    private static void decodePasses(byte[] data, PngRaw raw, BufferedImage image, int[] palette, byte[] indices) {
        WritableRaster r = image.getRaster();
        int stride = raw.filterStride();
        int bands = r.getNumBands();
        int[] samples = new int[Math.multiplyExact(raw.width, raw.channels)];
        int[] pixels = new int[Math.multiplyExact(raw.width, bands)];
        int[] argbData = raw.colourType == 3 ? ((DataBufferInt) r.getDataBuffer()).getData() : null;
        int scale = raw.bitDepth < 8 ? 255 / ((1 << raw.bitDepth) - 1) : 1;
        int pos = 0;
        for (PngRaw.Pass pass : raw.passes()) {
            int x0 = pass.x0();
            int dx = pass.dx();
            int pw = pass.width();
            int rowBytes = (int) raw.rowBytes(pw);
            int prior = -1;
            for (int row = 0; row < pass.height(); row++) {
                int filter = data[pos] & 0xFF;
                int at = pos + 1;
                PngRaw.unfilter(data, at, prior, rowBytes, stride, filter);
                int n = pw * raw.channels;
                raw.unpack(data, at, n, samples);
                int y = pass.y0() + row * pass.dy();
                if (argbData != null) {
                    for (int i = 0; i < pw; i++) {
                        int x = x0 + i * dx;
                        int index = samples[i];
                        indices[y * raw.width + x] = (byte) index;
                        argbData[y * raw.width + x] = index < palette.length ? palette[index] : 0xFF000000;
                    }
                } else {
                    if (scale != 1) {
                        for (int i = 0; i < n; i++) {
                            samples[i] *= scale;
                        }
                    }
                    if (dx == 1) {
                        r.setPixels(0, y, pw, 1, samples);
                    } else {
                        for (int i = 0; i < pw; i++) {
                            System.arraycopy(samples, i * bands, pixels, 0, bands);
                            r.setPixel(x0 + i * dx, y, pixels);
                        }
                    }
                }
                prior = at;
                pos = at + rowBytes;
            }
        }
    }

    static InvalidInputException malformed(String message) {
        return new InvalidInputException(InvalidInputException.Kind.MALFORMED_IMAGE, message);
    }
}
