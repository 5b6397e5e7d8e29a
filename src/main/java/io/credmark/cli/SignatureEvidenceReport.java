package io.credmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.disclosure.EvidenceBundle;
import io.credmark.identity.EvidenceTrust;
import io.credmark.identity.SignatureEvidence;
import java.io.PrintStream;
import java.util.Optional;

/**
 * {@code verify FILE --evidence BUNDLE.json}: checks what the bundle carries of the credential's signatures (the
 * time-stamp, the signer and identity chains) against the file, offline, and adds the verdict to the report as
 * {@code evidence}.
 */
final class SignatureEvidenceReport {

    private SignatureEvidenceReport() {
    }

    /**
     * @return whether the bundle's signature evidence holds for the file (true when the bundle has none, as
     *         version 1 bundles do)
     */
    static boolean attach(Optional<EvidenceBundle> bundle, byte[] image, EvidenceTrust trusted, ObjectNode report,
            PrintStream err) {
        Optional<ObjectNode> signature = bundle.flatMap(EvidenceBundle::signature);
        if (signature.isEmpty()) {
            return true;
        }
        SignatureEvidence.Result result = SignatureEvidence.parse(signature.get(), "signature")
                .checkImage(image, trusted);
        report.set("evidence", result.report());
        if (!result.holds()) {
            err.println("credmark: " + result.report().get("message").asText());
        }
        return result.holds();
    }
}
