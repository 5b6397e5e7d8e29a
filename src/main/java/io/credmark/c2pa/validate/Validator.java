package io.credmark.c2pa.validate;

import io.credmark.InvalidInputException;
import io.credmark.c2pa.ManifestUnreadableException;
import io.credmark.c2pa.jumbf.JumbfReader;
import io.credmark.c2pa.jumbf.JumbfUuids;
import io.credmark.c2pa.jumbf.SuperBox;
import io.credmark.container.AssetBytes;
import io.credmark.container.ManifestStoreCarrier;
import io.credmark.container.ParsedImage;
import io.credmark.pki.TrustEvaluator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates the manifest store of an image in the order of spec 2.2 §15 (as c2pa-rs sequences it): locate the
 * store, then for the active manifest the claim, its signature and credential, every hashed URI, the
 * assertion-specific rules, the ingredients, and finally the hard binding to the asset's bytes.
 */
public final class Validator {

    private final TrustEvaluator trust;
    private final TrustEvaluator cawgTrust;
    private final Clock clock;

    /**
     * @param trust     anchors for claim signers (and time-stamp authorities)
     * @param cawgTrust anchors for CAWG identity credentials, a separate list as in c2pa-rs
     */
    public Validator(TrustEvaluator trust, TrustEvaluator cawgTrust, Clock clock) {
        this.trust = trust;
        this.cawgTrust = cawgTrust;
        this.clock = clock;
    }

    /**
     * @throws ManifestUnreadableException when the store cannot be loaded at all
     */
    public ValidationResult validate(ParsedImage image, ManifestStoreCarrier carrier) {
        return validate(AssetBytes.of(image.bytes()), carrier);
    }

    /**
     * Validates the store against the asset's bytes as {@code asset} reads them: a large file's are hashed range by
     * range ({@link io.credmark.container.ContainerSkeleton#fileBytes()}).
     *
     * @param carrier the store and where its carrier lies in {@code asset}
     * @throws ManifestUnreadableException when the store cannot be loaded at all
     */
    public ValidationResult validate(AssetBytes asset, ManifestStoreCarrier carrier) {
        SuperBox store;
        try {
            store = JumbfReader.readSuperBox(carrier.jumbf());
        } catch (InvalidInputException malformedJumbf) {
            // only malformed input becomes a status; anything else JumbfReader throws is a bug and propagates
            throw new ManifestUnreadableException(StatusCode.GENERAL_ERROR, malformedJumbf.getMessage());
        }
        if (!JumbfUuids.MANIFEST_STORE.equals(store.description().type()) || !"c2pa".equals(store.label())) {
            throw new ManifestUnreadableException(StatusCode.GENERAL_ERROR, "the JUMBF box is not a C2PA manifest store");
        }
        Map<String, SuperBox> manifests = new LinkedHashMap<>();
        for (SuperBox m : store.superBoxes()) {
            if (JumbfUuids.isManifest(m.description().type()) && m.label() != null) {
                manifests.put(m.label(), m);
            }
        }
        if (manifests.isEmpty()) {
            throw new ManifestUnreadableException("claim.missing", "the manifest store holds no manifest");
        }
        List<SuperBox> ordered = List.copyOf(manifests.values());
        SuperBox active = ordered.get(ordered.size() - 1);
        ManifestValidation validation = new ManifestValidation(manifests, trust, cawgTrust, clock.instant());
        ManifestValidation.Outcome outcome = validation.validateActive(active, asset, carrier);
        return new ValidationResult(outcome.log().state(validation.deltaFailures()), active.label(),
                outcome.summary(), outcome.log().entries(), validation.deltaFailures());
    }
}
