package io.credmark.container.png;

import io.credmark.bytes.BigEndian;
import io.credmark.bytes.ByteSink;
import io.credmark.container.AssetHandler;
import io.credmark.container.ContainerProblem;
import io.credmark.container.ImageFormat;
import io.credmark.container.ImageHeader;
import io.credmark.container.ManifestStoreCarrier;
import io.credmark.container.ParsedImage;
import io.credmark.container.XmpProvenance;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * PNG: the manifest store travels in one {@code caBX} chunk (C2PA spec 2.2 §A.3.3), inserted right after IHDR as
 * c2pa-rs does; the data-hash exclusion covers the whole chunk, length, type and CRC included.
 */
public final class PngHandler implements AssetHandler {

    static final String C2PA_CHUNK = "caBX";
    private static final int IHDR_END = 8 + 12 + 13;
    private static final String XMP_KEYWORD = "XML:com.adobe.xmp";
    /** An XMP packet is small; a compressed one inflating past this is a bomb, not metadata. */
    private static final int MAX_XMP_BYTES = 4 << 20;

    @Override
    public ImageFormat format() {
        return ImageFormat.PNG;
    }

    @Override
    public ParsedImage read(byte[] file) {
        PngChunkReader.Chunks read = PngChunkReader.read(file);
        List<ContainerProblem> problems = new ArrayList<>(read.problems());
        ImageHeader header = header(file, read.chunks().get(0));
        List<ManifestStoreCarrier> stores = new ArrayList<>();
        Optional<String> remote = Optional.empty();
        boolean sawIdat = false;
        for (PngChunk c : read.chunks()) {
            switch (c.type()) {
                case C2PA_CHUNK -> stores.add(new ManifestStoreCarrier(
                        Arrays.copyOfRange(file, (int) c.dataOffset(), (int) c.dataOffset() + c.dataLength()),
                        List.of(c.range())));
                case "IDAT" -> sawIdat = true;
                case "iTXt" -> {
                    if (remote.isEmpty()) {
                        remote = xmp(file, c, problems).flatMap(XmpProvenance::find);
                    }
                }
                default -> {
                }
            }
        }
        if (!sawIdat) {
            throw PngChunkReader.malformed("not a valid PNG: no IDAT chunk");
        }
        return new ParsedImage(ImageFormat.PNG, file, header, stores, remote, problems, IHDR_END);
    }

    @Override
    public byte[] wrapStore(byte[] store) {
        ByteSink out = new ByteSink(store.length + 12);
        out.u32(store.length).ascii(C2PA_CHUNK).bytes(store);
        CRC32 crc = new CRC32();
        crc.update(C2PA_CHUNK.getBytes(StandardCharsets.US_ASCII));
        crc.update(store);
        return out.u32(crc.getValue()).toByteArray();
    }

    @Override
    public long carrierLength(long storeLength) {
        return storeLength + 12;
    }

    private static ImageHeader header(byte[] file, PngChunk ihdr) {
        if (ihdr.dataLength() != 13) {
            throw PngChunkReader.malformed("not a valid PNG: IHDR has " + ihdr.dataLength() + " bytes, not 13");
        }
        int at = (int) ihdr.dataOffset();
        long width = BigEndian.u32(file, at);
        long height = BigEndian.u32(file, at + 4);
        int depth = file[at + 8] & 0xFF;
        int colourType = file[at + 9] & 0xFF;
        boolean interlaced = file[at + 12] == 1;
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw PngChunkReader.malformed("not a valid PNG: IHDR gives a size of " + width + "x" + height);
        }
        String kind;
        int components;
        switch (colourType) {
            case 0 -> { kind = "grayscale"; components = 1; }
            case 2 -> { kind = "RGB"; components = 3; }
            case 3 -> { kind = "palette"; components = 1; }
            case 4 -> { kind = "grayscale+alpha"; components = 2; }
            case 6 -> { kind = "RGBA"; components = 4; }
            default -> throw PngChunkReader.malformed("not a valid PNG: unknown colour type " + colourType);
        }
        if (!validDepth(colourType, depth)) {
            throw PngChunkReader.malformed("not a valid PNG: bit depth " + depth + " with colour type " + colourType);
        }
        String description = kind + " " + depth + "-bit" + (interlaced ? ", interlaced" : "");
        return new ImageHeader((int) width, (int) height, components, depth, description);
    }

    private static boolean validDepth(int colourType, int depth) {
        return switch (colourType) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
            default -> depth == 8 || depth == 16;
        };
    }

    /** The text of an iTXt chunk holding XMP (PNG spec §11.3.4.5), inflated with a bound if compressed. */
    private static Optional<String> xmp(byte[] file, PngChunk c, List<ContainerProblem> problems) {
        int start = (int) c.dataOffset();
        int end = start + c.dataLength();
        int nul = indexOf(file, start, end, (byte) 0);
        if (nul < 0 || !XMP_KEYWORD.equals(new String(file, start, nul - start, StandardCharsets.ISO_8859_1))) {
            return Optional.empty();
        }
        int p = nul + 1;
        if (end - p < 2) {
            problems.add(new ContainerProblem(c.offset(), "iTXt XMP chunk is truncated"));
            return Optional.empty();
        }
        boolean compressed = file[p] == 1;
        p += 2;
        int langEnd = indexOf(file, p, end, (byte) 0);
        int transEnd = langEnd < 0 ? -1 : indexOf(file, langEnd + 1, end, (byte) 0);
        if (transEnd < 0) {
            problems.add(new ContainerProblem(c.offset(), "iTXt XMP chunk is malformed"));
            return Optional.empty();
        }
        int textStart = transEnd + 1;
        if (!compressed) {
            return Optional.of(new String(file, textStart, end - textStart, StandardCharsets.UTF_8));
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(file, textStart, end - textStart);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buf, 0, n);
                if (out.size() > MAX_XMP_BYTES) {
                    problems.add(new ContainerProblem(c.offset(), "compressed XMP inflates past 4 MB; ignored"));
                    return Optional.empty();
                }
            }
            return Optional.of(out.toString(StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            problems.add(new ContainerProblem(c.offset(), "compressed XMP is corrupt"));
            return Optional.empty();
        } finally {
            inflater.end();
        }
    }

    private static int indexOf(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
