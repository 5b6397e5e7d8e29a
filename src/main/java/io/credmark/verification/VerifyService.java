package io.credmark.verification;

import io.credmark.InvalidInputException;
import io.credmark.Limits;
import io.credmark.PixelBudget;
import io.credmark.c2pa.ManifestUnreadableException;
import io.credmark.c2pa.assertion.CredmarkAssertion;
import io.credmark.c2pa.validate.ValidationResult;
import io.credmark.c2pa.validate.ValidationState;
import io.credmark.c2pa.validate.Validator;
import io.credmark.container.AssetHandlers;
import io.credmark.container.ContainerSkeleton;
import io.credmark.container.ImageFormat;
import io.credmark.container.ImageHeader;
import io.credmark.container.ManifestStoreCarrier;
import io.credmark.container.ParsedImage;
import io.credmark.disclosure.DisclosureCheck;
import io.credmark.metadata.GeneratorMetadata;
import io.credmark.metadata.GeneratorReader;
import io.credmark.pixels.Cores;
import io.credmark.pixels.Decoded;
import io.credmark.pixels.LumaBands;
import io.credmark.pixels.PixelCodec;
import io.credmark.pixels.watermark.Detection;
import io.credmark.pixels.watermark.Watermarker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Verifies an image's Content Credentials, from any producer. */
public final class VerifyService {

    private final Validator validator;
    private final Limits limits;
    private final Watermarker watermarker;
    private final PixelBudget pixelBudget;

    /**
     * The decoded image is the only full-size raster the watermark search holds; its working plane has a bounded
     * size ({@link Watermarker#SEARCH_BYTES}).
     */
    private static final int SEARCH_RASTERS = 1;

    public VerifyService(Validator validator, Limits limits, Watermarker watermarker, PixelBudget pixelBudget) {
        this.pixelBudget = pixelBudget;
        this.validator = validator;
        this.limits = limits;
        this.watermarker = watermarker;
    }

    /**
     * Searches the pixels for this installation's watermark, as {@link #detectWatermark}, and says why when they
     * cannot be searched instead of failing.
     */
    public WatermarkScan scanWatermark(byte[] bytes) {
        limits.checkBytes(bytes.length); // over the limit is refused, not "unreadable"
        try {
            return WatermarkScan.of(detectWatermark(bytes));
        } catch (InvalidInputException e) {
            // damaged or not decodable faithfully (CMYK): the manifest's verdict stands on its own
            return WatermarkScan.unreadable(e.getMessage());
        }
    }

    /**
     * Searches the pixels for this installation's watermark: as viewers show the image (it was embedded that way)
     * and, for an image with an EXIF orientation, also as stored (a copy that lost its EXIF tag shows the stored
     * pixels). Decoding is bounded by the pixel limit.
     *
     * @throws InvalidInputException when the bytes are not a PNG or JPEG whose pixels can be read faithfully, are
     *                               damaged, or are over the byte or pixel limit
     */
    public Optional<Detection> detectWatermark(byte[] bytes) {
        limits.checkBytes(bytes.length);
        ParsedImage parsed = AssetHandlers.read(bytes);
        ImageHeader header = parsed.header();
        limits.checkPixels(header);
        long memory = PixelBudget.cost(header, SEARCH_RASTERS) + Watermarker.SEARCH_BYTES;
        try (PixelBudget.Permit permit = pixelBudget.admit(memory, "searching this image for a watermark");
                Cores.Work work = Cores.begin()) {
            // read even when too small to search: what cannot be read is reported so
            boolean searched = Math.min(header.width(), header.height()) >= Watermarker.MIN_SEARCHED_SIDE;
            // a JPEG's luminance as its coefficients decode to, which is what the stamp's read-back checked the
            // file it wrote by; other images are decoded whole
            PixelCodec codec = new PixelCodec(limits.maxPixels());
            Optional<LumaBands> luma = parsed.format() == ImageFormat.JPEG ? codec.luma(bytes) : Optional.empty();
            if (luma.isPresent()) {
                return searched ? watermarker.detect(luma.get()) : Optional.empty();
            }
            Decoded decoded = codec.decode(bytes);
            return searched ? watermarker.detect(decoded.image(), decoded.orientation()) : Optional.empty();
        }
    }

    /**
     * @throws io.credmark.InvalidInputException when the bytes are not a readable PNG or JPEG, or carry more than
     *                                           one manifest store
     */
    public VerificationReport verify(byte[] bytes) {
        return verify(bytes, List.of());
    }

    /**
     * Verifies, and checks {@code presented} disclosures (from the service's store or a creator's evidence) against
     * the digests that credmark's signed assertion commits to, besides those the file carries.
     */
    public VerificationReport verify(byte[] bytes, List<DisclosureCheck.Presented> presented) {
        limits.checkBytes(bytes.length);
        ParsedImage image = AssetHandlers.read(bytes);
        return verify(image, presented, carrier -> validator.validate(image, carrier));
    }

    /**
     * Verifies a large file read as its skeleton, without holding its image data in memory: the store is read from
     * the skeleton, and the hard binding hashed over the file's ranges. The caller bounds the file's size.
     */
    public VerificationReport verify(ContainerSkeleton skeleton, List<DisclosureCheck.Presented> presented) {
        return verify(AssetHandlers.read(skeleton.bytes()), presented,
                carrier -> validator.validate(skeleton.fileBytes(), skeleton.inFile(carrier)));
    }

    /**
     * Searches a large file's pixels for the watermark, as {@link #scanWatermark(byte[])}, when the decoder can hold
     * the file and its pixels: the file within the byte limit of what is read whole, the file and its decoded pixels
     * together within the pixel budget. A larger one is not searched, and the scan says why; its manifest's verdict
     * stands on its own.
     */
    public WatermarkScan scanWatermark(ContainerSkeleton skeleton) {
        long length = skeleton.fileLength();
        if (length > limits.maxBytes()) {
            return WatermarkScan.unreadable("the file is " + length + " bytes; only files of up to "
                    + limits.maxBytes() + " bytes (limits.max-bytes) are searched for a watermark");
        }
        ImageHeader header = AssetHandlers.read(skeleton.bytes()).header();
        long memory = length + PixelBudget.cost(header, SEARCH_RASTERS) + Watermarker.SEARCH_BYTES;
        if (memory > pixelBudget.capacity()) {
            return WatermarkScan.unreadable("searching this file for a watermark takes " + memory
                    + " bytes of memory, more than limits.pixelBudget (" + pixelBudget.capacity() + ")");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(skeleton.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scanWatermark(bytes);
    }

    private VerificationReport verify(ParsedImage image, List<DisclosureCheck.Presented> presented,
            Function<ManifestStoreCarrier, ValidationResult> validate) {
        Optional<ManifestStoreCarrier> store = image.store();
        if (store.isEmpty()) {
            return new VerificationReport(VerificationReport.Status.NONE, image.format(), image.header(),
                    Optional.empty(), image.remoteManifestUrl(), Optional.empty(), image.problems(), Optional.empty(),
                    unsignedMetadata(image));
        }
        try {
            ValidationResult result = validate.apply(store.get());
            Optional<ProvenanceView> provenance = result.manifest().assertion(CredmarkAssertion.LABEL)
                    .flatMap(CredmarkAssertion::decode)
                    .map(a -> ProvenanceView.check(a, result.state() != ValidationState.INVALID, presented));
            return new VerificationReport(VerificationReport.Status.of(result.state()), image.format(), image.header(),
                    Optional.of(result), image.remoteManifestUrl(), Optional.empty(), image.problems(), provenance,
                    unsignedMetadata(image));
        } catch (ManifestUnreadableException e) {
            return new VerificationReport(VerificationReport.Status.NONE, image.format(), image.header(),
                    Optional.empty(), image.remoteManifestUrl(),
                    Optional.of("the manifest store cannot be read: " + e.getMessage() + " (" + e.code() + ")"),
                    image.problems(), Optional.empty(), unsignedMetadata(image));
        }
    }

    /**
     * What a generator front end wrote into the file in plain text, outside any signature: reported as such,
     * never as provenance. Metadata beyond the reader's bounds is left unread rather than failing the verification.
     */
    private static Optional<GeneratorMetadata> unsignedMetadata(ParsedImage image) {
        try {
            GeneratorMetadata m = GeneratorReader.read(image);
            return m.isEmpty() ? Optional.empty() : Optional.of(m);
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }
}
