package io.credmark.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.c2pa.assertion.CredmarkAssertion;
import io.credmark.disclosure.CheckedDisclosure;
import io.credmark.disclosure.DisclosureCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What credmark's own assertion in a manifest says, after every revealed field has been checked against its
 * signed digests.
 *
 * @param provenance the identity fields plus the proven fields only
 * @param disclosures every revealed field, proven or not, with where it came from
 */
public record ProvenanceView(CredmarkAssertion.Content assertion, List<CheckedDisclosure> disclosures,
        ObjectNode provenance) {

    public Optional<JsonNode> credential() {
        return Optional.ofNullable(assertion.credential());
    }

    public Optional<String> credentialId() {
        return credential().map(c -> c.path("id").asText(null));
    }

    /**
     * @param manifestValid whether the manifest validated (trusted or valid); nothing is proven by an invalid one
     * @param presented     disclosures from outside the file: the service's store, a creator's evidence
     */
    static ProvenanceView check(CredmarkAssertion.Content assertion, boolean manifestValid,
            List<DisclosureCheck.Presented> presented) {
        List<DisclosureCheck.Presented> all = new ArrayList<>();
        assertion.disclosures().forEach(d -> all.add(new DisclosureCheck.Presented(d, CheckedDisclosure.Source.MANIFEST)));
        all.addAll(presented);
        List<CheckedDisclosure> checked = DisclosureCheck.check(assertion.digests(), manifestValid, all);
        return new ProvenanceView(assertion, checked, DisclosureCheck.provenProvenance(assertion.identity(), checked));
    }
}
