package io.credmark.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import io.credmark.c2pa.cbor.CborReader;
import io.credmark.c2pa.cose.CoseSign1;
import io.credmark.c2pa.jumbf.ContentBox;
import io.credmark.c2pa.jumbf.JumbfReader;
import io.credmark.c2pa.jumbf.SuperBox;
import io.credmark.pki.TrustAnchors;
import io.credmark.pki.TrustEvaluator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a credential's manifest carries that a creator can take elsewhere, lifted out of it so that it can be checked
 * without the service: the RFC 3161 time-stamp over the claim signature ({@code sigTst2}, guide §3.2), the signer's
 * chain, and the chains of the credentials that signed identity assertions ({@code cawg.identity*}, guide §5.6),
 * each completed up to its root from the anchors the service knows.
 *
 * @param manifest   the manifest's label
 * @param timeStamp  the signature's time-stamp, when it has one
 * @param signer     the claim signer's chain, leaf first
 * @param identities each identity assertion's label and its signer's chain
 */
public record SignatureEvidence(String manifest, Optional<TimeStampEvidence> timeStamp, List<X509Certificate> signer,
        Map<String, List<X509Certificate>> identities) {

    /** What none of it shows, however valid. */
    public static final String DOES_NOT_PROVE = "A time-stamp proves that the signed credential existed at that"
            + " time, not who made the image. The signer's chain shows which service signed it. An identity"
            + " assertion shows that the creator authorised the front end that stamped it, not that they made the"
            + " image themselves. A time-stamp from an authority independent of the signer's operator is stronger"
            + " evidence than one from the same operator's built-in authority.";
    private static final String IDENTITY_LABEL = "cawg.identity";

    public SignatureEvidence {
        signer = List.copyOf(signer);
        Map<String, List<X509Certificate>> copy = new LinkedHashMap<>();
        identities.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        identities = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Lifts the evidence out of manifest {@code label} of a manifest store.
     *
     * @throws InvalidInputException when the store has no such manifest or its signature cannot be read
     */
    public static SignatureEvidence fromManifestStore(byte[] store, String label, TrustAnchors anchors) {
        Signatures s = signatures(store, label).orElseThrow(() -> new InvalidInputException(
                InvalidInputException.Kind.INVALID_DOCUMENT, "the manifest store has no readable manifest " + label));
        Optional<TimeStampEvidence> token = s.claim().timeStampToken().flatMap(t -> {
            try {
                return Optional.of(TimeStampEvidence.of(t, anchors));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
        Map<String, List<X509Certificate>> identities = new LinkedHashMap<>();
        s.identities().forEach((l, cose) -> chainOf(cose, anchors).ifPresent(c -> identities.put(l, c)));
        return new SignatureEvidence(label, token, chainOf(s.claim(), anchors).orElse(List.of()), identities);
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("manifest", manifest);
        timeStamp.ifPresent(t -> n.set("timeStamp", t.toJson()));
        n.putObject("signer").set("chain", CertificateChains.toJson(signer));
        ArrayNode list = n.putArray("identities");
        identities.forEach((label, chain) -> list.addObject().put("assertion", label)
                .set("chain", CertificateChains.toJson(chain)));
        n.put("doesNotProve", DOES_NOT_PROVE);
        return n;
    }

    /** @throws InvalidInputException naming the member that is malformed */
    public static SignatureEvidence parse(JsonNode n, String path) {
        if (n == null || !n.isObject() || !n.path("manifest").isTextual()) {
            throw CertificateChains.invalid(path + ".manifest: expected the manifest label");
        }
        Optional<TimeStampEvidence> token = n.has("timeStamp")
                ? Optional.of(TimeStampEvidence.parse(n.get("timeStamp"), path + ".timeStamp")) : Optional.empty();
        List<X509Certificate> signer = CertificateChains.parse(n.path("signer").get("chain"), path + ".signer.chain");
        Map<String, List<X509Certificate>> identities = new LinkedHashMap<>();
        JsonNode list = n.path("identities");
        for (int i = 0; i < list.size(); i++) {
            String at = path + ".identities[" + i + "]";
            if (!list.get(i).path("assertion").isTextual()) {
                throw CertificateChains.invalid(at + ".assertion: expected the assertion's label");
            }
            identities.put(list.get(i).get("assertion").textValue(),
                    CertificateChains.parse(list.get(i).get("chain"), at + ".chain"));
        }
        return new SignatureEvidence(n.get("manifest").textValue(), token, signer, identities);
    }

    /** The verdict of {@link #check}: whether everything in the evidence holds for the file, and the report. */
    public record Result(boolean holds, ObjectNode report) {
    }

    /**
     * Checks the evidence against a file's manifest store, offline: the time-stamp covers that file's claim
     * signature; the signer and identity chains are the ones in the file and hold up to their roots; each is
     * trusted when its root is among {@code trusted}.
     */
    public Result check(Optional<byte[]> fileStore, TrustAnchors trusted) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("manifest", manifest);
        Optional<Signatures> file = fileStore.flatMap(s -> signatures(s, manifest));
        if (file.isEmpty()) {
            report.put("status", "invalid").put("message", "the file has no readable manifest " + manifest
                    + ": the evidence is for another file");
            return new Result(false, report);
        }
        List<String> problems = new ArrayList<>();
        Instant stamped = null;
        if (timeStamp.isPresent()) {
            CoseSign1 cose = file.get().claim();
            TimeStampVerdict v = timeStamp.get().check(CoseSign1.counterSignatureData(cose.protectedBytes(),
                    cose.signature()), trusted);
            ObjectNode t = v.toJson();
            if (v.valid()) {
                stamped = v.time().orElseThrow();
                t.put("proves", "The credential's signature (manifest " + manifest + ") existed no later than "
                        + stamped
                        + ", as the time-stamping authority " + v.authority() + " attests; so it stays verifiable"
                        + " after the signer's certificate expires.");
            } else {
                problems.add("time-stamp: " + String.join("; ", v.problems()));
            }
            report.set("timeStamp", t);
        } else {
            report.putObject("timeStamp").put("status", "absent").put("note", "the credential's signature has no"
                    + " time-stamp: it proves nothing about when it was signed, and fails once the signer's"
                    + " certificate expires");
        }
        // certificates must have been valid when the signature was made: at the time-stamp, or else now
        Instant at = stamped == null ? Instant.now() : stamped;
        report.set("signer", chainReport(signer, chainOf(file.get().claim(), TrustAnchors.none()), at, trusted,
                "The file's manifest was signed by %s.", "signer", problems));
        ArrayNode list = report.putArray("identities");
        identities.forEach((label, chain) -> {
            Optional<CoseSign1> inFile = Optional.ofNullable(file.get().identities().get(label));
            ObjectNode e = chainReport(chain, inFile.flatMap(c -> chainOf(c, TrustAnchors.none())), at, trusted,
                    "The identity assertion was signed by the creator's identity credential %s: the creator"
                            + " authorised the front end that stamped it.", "identity assertion " + label, problems);
            list.add(e.put("assertion", label));
        });
        report.put("doesNotProve", DOES_NOT_PROVE);
        report.put("status", problems.isEmpty() ? "valid" : "invalid");
        if (!problems.isEmpty()) {
            report.put("message", "The evidence does not hold for this file: " + String.join("; ", problems));
        }
        return new Result(problems.isEmpty(), report);
    }

    private static ObjectNode chainReport(List<X509Certificate> chain, Optional<List<X509Certificate>> inFile,
            Instant at, TrustAnchors trusted, String proves, String what, List<String> problems) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (chain.isEmpty()) {
            problems.add(what + ": no certificate in the evidence");
            return n.put("status", "invalid");
        }
        X509Certificate leaf = chain.get(0);
        n.put("subject", CertificateChains.subject(leaf));
        if (inFile.isEmpty() || inFile.get().isEmpty() || !inFile.get().get(0).equals(leaf)) {
            problems.add(what + ": the file's certificate is not the one in the evidence");
            return n.put("status", "invalid");
        }
        X509Certificate top = CertificateChains.last(chain);
        // a chain that stops short of its root (one whose root the service did not know) is checked as far as it goes
        boolean anchored = CertificateChains.selfIssued(top);
        TrustEvaluator.Result holds = new TrustEvaluator(TrustAnchors.of(top)).evaluate(chain, at);
        n.put(anchored ? "root" : "endsAt", CertificateChains.subject(top))
                .put(anchored ? "rootSha256" : "endsAtSha256", TimeStampEvidence.fingerprint(top));
        if (!holds.trusted()) {
            problems.add(what + ": the chain does not hold at " + at + ": " + holds.reason());
            return n.put("status", "invalid");
        }
        boolean isTrusted = !trusted.isEmpty() && new TrustEvaluator(trusted).evaluate(chain, at).trusted();
        n.put("status", isTrusted ? "trusted" : anchored ? "valid" : "unanchored")
                .put("proves", String.format(proves, CertificateChains.subject(leaf)));
        if (!isTrusted && !anchored) {
            n.put("note", "the chain stops at " + CertificateChains.subject(top) + ", short of its root: name the root"
                    + " with --trust-anchors to check it that far");
        }
        return n;
    }

    /** A manifest's claim signature and its identity assertions' signatures, by label. */
    private record Signatures(CoseSign1 claim, Map<String, CoseSign1> identities) {
    }

    private static Optional<Signatures> signatures(byte[] store, String label) {
        try {
            Optional<SuperBox> manifest = JumbfReader.readSuperBox(store).child(label);
            if (manifest.isEmpty()) {
                return Optional.empty();
            }
            Optional<byte[]> signature = manifest.get().child("c2pa.signature").flatMap(SuperBox::firstContent)
                    .map(c -> c.payload().toByteArray());
            if (signature.isEmpty()) {
                return Optional.empty();
            }
            Map<String, CoseSign1> identities = new LinkedHashMap<>();
            for (SuperBox a : manifest.get().child("c2pa.assertions").map(SuperBox::superBoxes).orElse(List.of())) {
                if (a.label() == null || !(a.label().equals(IDENTITY_LABEL)
                        || a.label().startsWith(IDENTITY_LABEL + "__"))) {
                    continue;
                }
                identityCose(a).ifPresent(c -> identities.put(a.label(), c));
            }
            return Optional.of(new Signatures(CoseSign1.parse(signature.get()), identities));
        } catch (RuntimeException e) {
            // a damaged store: nothing to lift out of it, which the caller reports
            return Optional.empty();
        }
    }

    /** An identity assertion's COSE signature (CAWG identity assertion §8: the {@code signature} member). */
    private static Optional<CoseSign1> identityCose(SuperBox assertion) {
        Optional<ContentBox> content = assertion.firstContent().filter(c -> "cbor".equals(c.type()));
        if (content.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = CborReader.read(content.get().payload().toByteArray());
            return node.path("signature").isBinary() ? Optional.of(CoseSign1.parse(node.get("signature").binaryValue()))
                    : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<List<X509Certificate>> chainOf(CoseSign1 cose, TrustAnchors anchors) {
        try {
            List<X509Certificate> carried = cose.certificateChain();
            return Optional.of(CertificateChains.complete(carried.get(0), carried, anchors));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
