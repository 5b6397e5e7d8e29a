package io.credmark.c2pa.validate;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.credmark.InvalidInputException;
import io.credmark.c2pa.ManifestUnreadableException;
import io.credmark.container.AssetHandlers;
import io.credmark.container.EmbeddingPlan;
import io.credmark.container.ManifestStoreCarrier;
import io.credmark.container.ParsedImage;
import io.credmark.pki.TrustAnchors;
import io.credmark.pki.TrustEvaluator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Claim and manifest validation end to end on any manifest store, embedded in a fixed small PNG as a {@code caBX}
 * chunk: the validator returns a verdict or refuses the store as unreadable; nothing else escapes
 * (docs/fuzzing.md). The seeds are stores signed for {@code base.png}, so their hard bindings match.
 */
class ManifestValidationFuzzTest {

    private static final ParsedImage BASE = AssetHandlers.read(resource("base.png"));
    private static final Validator VALIDATOR = new Validator(new TrustEvaluator(TrustAnchors.none()),
            new TrustEvaluator(TrustAnchors.none()), Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));

    @FuzzTest
    void validate(byte[] store) {
        EmbeddingPlan plan = EmbeddingPlan.replacingStores(BASE);
        ParsedImage image = AssetHandlers.read(plan.assemble(plan.wrap(store)));
        ManifestStoreCarrier carrier = image.store().orElseThrow();
        try {
            ValidationResult result = VALIDATOR.validate(image, carrier);
            result.state();
            result.failureCodes();
        } catch (ManifestUnreadableException | InvalidInputException expected) {
            // a store that cannot be loaded at all
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ManifestValidationFuzzTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
