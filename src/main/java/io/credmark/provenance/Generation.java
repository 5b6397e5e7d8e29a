package io.credmark.provenance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;

/**
 * How the image was generated. Every part is optional ({@code null} when absent).
 *
 * @param prompt         the text prompt
 * @param negativePrompt the negative prompt
 * @param seed           {@code 0 <= seed < 2^64}
 * @param steps          sampling steps, at least 1
 * @param sampler        e.g. {@code DPM++ 2M}
 * @param scheduler      e.g. {@code Karras}
 * @param cfgScale       classifier-free guidance scale, finite and not negative
 * @param width          pixels, at least 1
 * @param height         pixels, at least 1
 * @param denoise        denoising strength, 0 to 1
 * @param promptAuthor   who wrote the prompt (not necessarily the model creator)
 * @param extra          further parameters as free JSON; bounded, see {@link ProvenanceLimits}
 */
public record Generation(
        String prompt,
        String negativePrompt,
        BigInteger seed,
        Integer steps,
        String sampler,
        String scheduler,
        Double cfgScale,
        Integer width,
        Integer height,
        Double denoise,
        String promptAuthor,
        ObjectNode extra) {

    public static final Generation EMPTY =
            new Generation(null, null, null, null, null, null, null, null, null, null, null, null);

    public Generation {
        if (seed != null && !ProvenanceLimits.isValidSeed(seed)) {
            throw new IllegalArgumentException("seed must be between 0 and 2^64 - 1, got " + seed);
        }
        Require.positive(steps, "steps");
        Require.positive(width, "width");
        Require.positive(height, "height");
        if (cfgScale != null && !ProvenanceLimits.isValidCfgScale(cfgScale)) {
            throw new IllegalArgumentException("cfgScale must be a finite number >= 0, got " + cfgScale);
        }
        if (denoise != null && !ProvenanceLimits.isValidDenoise(denoise)) {
            throw new IllegalArgumentException("denoise must be between 0 and 1, got " + denoise);
        }
        // An empty object says nothing; treating it as absent keeps "absent" to one representation.
        extra = extra == null || extra.isEmpty() ? null : FreeJson.canonicalCopy(extra);
    }

    /** A copy of the free parameters, or {@code null}; the record itself stays immutable. */
    @Override
    public ObjectNode extra() {
        return extra == null ? null : extra.deepCopy();
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }
}
