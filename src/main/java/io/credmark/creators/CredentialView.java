package io.credmark.creators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.credential.Credential;
import io.credmark.disclosure.CheckedDisclosure;
import io.credmark.disclosure.DisclosureLevel;
import io.credmark.disclosure.DisclosurePolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A credential as one viewer may see it, decided when it is shown: anyone sees the fields whose level is now public
 * or protected, its creator sees every field. Each revealed field was checked against the digests its manifest
 * signed.
 *
 * @param owner       whether the viewer is the credential's creator
 * @param provenance  the identity fields and the revealed fields that are proven
 * @param disclosures every revealed field, with its level now and whether it is proven
 * @param disclosure  for its creator only: the levels and policies that decide who sees what
 * @param model       the registered model the stamp named, if it named one
 */
public record CredentialView(Credential credential, boolean owner, ObjectNode provenance, List<Revealed> disclosures,
        Optional<DisclosureState> disclosure, Optional<ModelLink> model) {

    /** A revealed field, as checked, and its level now. */
    public record Revealed(CheckedDisclosure checked, DisclosureLevel level) {
    }

    /**
     * Who sees what, for the creator.
     *
     * @param effective        every field's level now: the override if there is one, else the stricter of the
     *                         creator's default and what the stamp request asked for
     * @param stamped          every field's level at stamp time (public ones are readable in the file)
     * @param alreadyPublished fields stamped public that are no longer public: copies inside published files cannot
     *                         be recalled
     */
    public record DisclosureState(Map<String, DisclosureLevel> effective, Map<String, DisclosureLevel> stamped,
            DisclosurePolicy creatorDefault, DisclosurePolicy requested, Optional<DisclosurePolicy> override,
            Optional<Instant> overrideUpdatedAt, List<String> alreadyPublished) {
    }

    /** The registered model a credential was stamped with, and the revision of its record that the file carries. */
    public record ModelLink(String id, int revision, String page, String json) {
    }
}
