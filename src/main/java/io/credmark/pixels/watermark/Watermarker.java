package io.credmark.pixels.watermark;

import io.credmark.pixels.LumaBands;
import io.credmark.pixels.Orientation;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Invisible, robust watermark carrying a 48-bit id: keyed periodic spread spectrum in luminance ("PSS", see
 * docs/watermark.md). Thread-safe; build one per key and reuse it.
 */
public final class Watermarker {

    public static final String ALGORITHM = "io.credmark.watermark.pss";
    public static final int VERSION = 1;
    public static final int PAYLOAD_BITS = PayloadCodec.ID_BITS;
    public static final long MAX_PAYLOAD_ID = PayloadCodec.ID_MASK;
    /**
     * Images with a shorter side are returned unmarked (strength 0): the detector finds the tile lattice only where
     * at least 2.5 periods (96 pixels each at the smallest chip size) fit along both axes.
     */
    public static final int MIN_SIDE = 256;
    /** Images with a shorter side are not searched: not even a copy scaled down to a quarter would fit the lattice. */
    public static final int MIN_SEARCHED_SIDE = 64;

    /**
     * What a search holds besides the image it is given, whatever the image's size: the working plane (at most 1024
     * pixels a side, plus a turned copy), the filtered planes of the lattice candidates and the spectra, in bytes.
     */
    public static final long SEARCH_BYTES = 64L << 20;

    private final PssLayout layout;
    private final PayloadCodec codec;
    private final PssDetector detector;

    public Watermarker(WatermarkKey key) {
        layout = new PssLayout(key);
        codec = new PayloadCodec(key);
        detector = new PssDetector(layout, codec);
    }

    /**
     * Embeds {@code payloadId} (0 … 2^48−1). Pixels inside {@code avoid} (for instance a visible marker's box) are
     * left bit-identical. Only luminance changes: the same step is added to R, G and B (grey images: the grey
     * channel); alpha is untouched. Images with a side under {@value #MIN_SIDE} pixels come back unchanged.
     */
    public Embedded embed(BufferedImage image, long payloadId, Optional<Rectangle> avoid) {
        if ((payloadId & ~MAX_PAYLOAD_ID) != 0) {
            throw new IllegalArgumentException("payload id must be between 0 and 2^48 - 1");
        }
        if (Math.min(image.getWidth(), image.getHeight()) < MIN_SIDE) {
            // too small to carry a tile the detector could find: returned unchanged, strength 0
            LumaImage.Applied same = LumaImage.apply(image, new float[image.getWidth() * image.getHeight()]);
            return new Embedded(same.image(), Double.POSITIVE_INFINITY, 1, 0, 0);
        }
        LumaImage luma = LumaImage.of(image);
        float[] chips = layout.tile(codec.encode(payloadId));
        PssEmbedder.Result r = PssEmbedder.embed(luma, chips, avoid.orElse(null));
        LumaImage.Applied marked = LumaImage.apply(image, r.delta());
        return new Embedded(marked.image(), marked.psnr(), r.predictedSsim(), r.gain(), r.chip());
    }

    /** Looks for the watermark; present only when the keyed check matches. */
    public Optional<Detection> detect(BufferedImage image) {
        return detection(detector.detect(WorkingPlane.of(image), null));
    }

    /**
     * Looks for the watermark in stored pixels as viewers show them under {@code orientation} (as it is embedded),
     * without turning the image at full resolution: the stamp's check that what it wrote reads back.
     */
    public Optional<Detection> detectAsDisplayed(BufferedImage stored, Orientation orientation) {
        return detection(detector.detect(WorkingPlane.turned(WorkingPlane.of(stored), orientation), null));
    }

    /**
     * {@link #detectAsDisplayed(BufferedImage, Orientation)} of a luminance read band by band, such as a JPEG's
     * from its coefficients, in its own {@link LumaBands#orientation()}: the stamp's read-back without decoding the
     * colour of the file it wrote.
     */
    public Optional<Detection> detectAsDisplayed(LumaBands stored) {
        return detection(detector.detect(WorkingPlane.turned(WorkingPlane.of(stored), stored.orientation()), null));
    }

    /**
     * Looks for the watermark in an image stored with an EXIF {@code orientation}: as viewers show it (it is
     * embedded that way) and, when the orientation turns it, also as stored (a copy that lost its EXIF tag shows the
     * stored pixels). The stored pixels are read once; the image is not turned at full resolution.
     */
    public Optional<Detection> detect(BufferedImage stored, Orientation orientation) {
        return detect(WorkingPlane.of(stored), orientation);
    }

    /**
     * {@link #detect(BufferedImage, Orientation)} of a luminance read band by band, in its {@link
     * LumaBands#orientation()}: a JPEG's from its coefficients, as the stamp's read-back sees the file it writes.
     */
    public Optional<Detection> detect(LumaBands stored) {
        return detect(WorkingPlane.of(stored), stored.orientation());
    }

    private Optional<Detection> detect(LumaImage plane, Orientation orientation) {
        Optional<Detection> found = detection(detector.detect(WorkingPlane.turned(plane, orientation), null));
        if (found.isEmpty() && orientation != Orientation.NORMAL) {
            found = detection(detector.detect(plane, null));
        }
        return found;
    }

    private static Optional<Detection> detection(PssDetector.Result r) {
        if (!r.found()) {
            return Optional.empty();
        }
        return Optional.of(new Detection(r.id(), r.pilotZ(), r.correctedErrors(), r.rawAccuracy()));
    }

    /**
     * Diagnostics for benchmarks: detection plus the raw (pre-correction) bit accuracy against the codeword of
     * {@code expectedId}, whether or not the decode succeeded.
     */
    public Analysis analyze(BufferedImage image, long expectedId) {
        PssDetector.Result r = detector.detect(WorkingPlane.of(image), codec.encode(expectedId));
        Optional<Detection> d = r.found()
                ? Optional.of(new Detection(r.id(), r.pilotZ(), r.correctedErrors(), r.rawAccuracy()))
                : Optional.empty();
        return new Analysis(d, r.expectedAccuracy(), r.pilotZ(),
                r.lattice() == null ? Double.NaN : r.lattice().px(),
                r.lattice() == null ? Double.NaN : r.lattice().py());
    }

    /**
     * @param detection       what {@link #detect} would return
     * @param rawBitAccuracy  coded-bit agreement with the expected codeword before error correction (NaN if no
     *                        lattice was found)
     * @param pilotZ          pilot correlation z-score of the best lattice candidate
     * @param periodX         tile period found along x, in detector working pixels
     * @param periodY         same along y
     */
    public record Analysis(Optional<Detection> detection, double rawBitAccuracy, double pilotZ, double periodX,
                           double periodY) {
    }
}
