package io.credmark.c2pa.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.assertion.DataHashAssertion;
import io.credmark.c2pa.claim.Claim;
import io.credmark.c2pa.claim.JumbfUri;
import io.credmark.container.AssetBytes;
import io.credmark.container.ByteRange;
import io.credmark.container.ManifestStoreCarrier;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Spec 2.2 §15.12: the active manifest's hard binding against the asset's bytes. credmark checks
 * {@code c2pa.hash.data}, the binding every PNG and JPEG writer uses; other bindings are reported as not checked.
 */
final class HardBindingCheck {

    private static final Set<String> HARD_BINDINGS = Set.of(DataHashAssertion.LABEL, "c2pa.hash.boxes",
            "c2pa.hash.bmff", "c2pa.hash.bmff.v2", "c2pa.hash.bmff.v3", "c2pa.hash.collection.data",
            "c2pa.hash.multi-asset");

    private HardBindingCheck() {
    }

    static boolean isHardBinding(String baseLabel) {
        return HARD_BINDINGS.contains(baseLabel);
    }

    static void check(String manifest, Claim claim, Map<String, JsonNode> contents, AssetBytes asset,
            ManifestStoreCarrier carrier, StatusLog log) {
        for (Map.Entry<String, JsonNode> e : contents.entrySet()) {
            String base = ManifestValidation.baseLabel(e.getKey());
            String url = JumbfUri.absolute(manifest, "c2pa.assertions", e.getKey());
            if (base.equals(DataHashAssertion.LABEL)) {
                checkDataHash(e.getValue(), claim, asset, carrier, url, log);
            } else if (isHardBinding(base)) {
                log.add(StatusCode.GENERAL_ERROR, url, base + " bindings are not checked by this validator");
            }
        }
    }

    private static void checkDataHash(JsonNode node, Claim claim, AssetBytes asset, ManifestStoreCarrier carrier,
            String url, StatusLog log) {
        Optional<DataHashAssertion.Read> read = DataHashAssertion.decode(node);
        if (read.isEmpty() || !read.get().padsZero()) {
            log.add(StatusCode.DATA_HASH_MALFORMED, url, "data hash assertion is malformed");
            return;
        }
        DataHashAssertion.Read d = read.get();
        Optional<MessageDigest> digest = HashAlgorithms.digest(d.alg() != null ? d.alg() : claim.alg());
        if (digest.isEmpty()) {
            log.add(StatusCode.ALGORITHM_UNSUPPORTED, url, "unsupported data hash algorithm " + d.alg());
            return;
        }
        long fileLength = asset.length();
        List<ByteRange> exclusions = new ArrayList<>();
        for (long[] x : d.exclusions()) {
            if (x[0] < 0 || x[1] < 0) {
                log.add(StatusCode.DATA_HASH_MALFORMED, url, "an exclusion is negative");
                return;
            }
            if (x[0] + x[1] > fileLength) {
                log.add(StatusCode.DATA_HASH_MISMATCH, url, "an exclusion runs past the end of the file");
                return;
            }
            exclusions.add(new ByteRange(x[0], x[1]));
        }
        if (exclusions.size() > 1) {
            log.add(StatusCode.DATA_HASH_ADDITIONAL_EXCLUSIONS, url, "more than one exclusion");
        }
        // One exclusion must be exactly the manifest store's carrier (c2pa-rs checks location and length), so
        // that no other byte of the file escapes the hash.
        ByteRange store = new ByteRange(carrier.start(), carrier.length());
        if (exclusions.stream().noneMatch(store::equals)) {
            log.add(StatusCode.DATA_HASH_MISMATCH, url, "the exclusion does not match the manifest location");
            return;
        }
        exclusions.sort((a, b) -> Long.compare(a.start(), b.start()));
        long pos = 0;
        for (ByteRange x : exclusions) {
            if (x.start() > pos) {
                asset.digest(digest.get(), pos, x.start() - pos);
            }
            pos = Math.max(pos, x.end());
        }
        asset.digest(digest.get(), pos, fileLength - pos);
        if (MessageDigest.isEqual(digest.get().digest(), d.hash())) {
            log.add(StatusCode.DATA_HASH_MATCH, url, "data hash valid");
        } else {
            log.add(StatusCode.DATA_HASH_MISMATCH, url, "asset hash does not match: the file was changed after signing");
        }
    }
}
