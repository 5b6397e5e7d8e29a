package io.credmark.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import io.credmark.c2pa.cbor.CborReader;
import io.credmark.c2pa.sign.TimeStamp;
import io.credmark.c2pa.sign.TimeStampUnavailableException;
import io.credmark.c2pa.sign.TimeStamper;
import io.credmark.c2pa.sign.TimeStamping;
import io.credmark.c2pa.cose.CoseSign1;
import io.credmark.c2pa.jumbf.ContentBox;
import io.credmark.c2pa.jumbf.JumbfReader;
import io.credmark.c2pa.jumbf.SuperBox;
import io.credmark.container.AssetHandlers;
import io.credmark.container.ManifestStoreCarrier;
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
 * each completed up to its root from the anchors the service knows; and a <em>fresh</em> time-stamp over the same
 * signature, taken when the evidence is made, so that a credential can be re-time-stamped later: it shows the
 * credential existed no later than then even when the signature carries no time-stamp of its own, or that
 * time-stamp's authority can no longer be relied on.
 *
 * @param manifest   the manifest's label
 * @param timeStamp  the signature's own time-stamp, when it has one
 * @param fresh      the time-stamp taken when the evidence was made, or why there is none; empty in evidence made
 *                   before there were fresh time-stamps
 * @param signer     the claim signer's chain, leaf first
 * @param identities each identity assertion's label and its signer's chain
 */
public record SignatureEvidence(String manifest, Optional<TimeStampEvidence> timeStamp, Optional<Fresh> fresh,
        List<X509Certificate> signer, Map<String, List<X509Certificate>> identities) {

    /** What none of it shows, however valid. */
    public static final String DOES_NOT_PROVE = "A time-stamp proves that the signed credential existed at that"
            + " time, not who made the image. The signer's chain shows which service signed it. An identity"
            + " assertion shows that the creator authorised the front end that stamped it, not that they made the"
            + " image themselves. A time-stamp from an authority independent of the signer's operator is stronger"
            + " evidence than one from the same operator's built-in authority.";
    private static final String IDENTITY_LABEL = "cawg.identity";
    /** The member of the fresh time-stamp: the token and its chain, or the reason there is none. */
    private static final String FRESH = "freshTimeStamp";

    /**
     * A time-stamp over the claim signature taken when the evidence was made, or why there is none.
     *
     * @param timeStamp the token with its authority's chain
     * @param reason    why there is none: time-stamping is off, or the authority could not be reached and
     *                  {@code tsa.required} is off
     */
    public record Fresh(Optional<TimeStampEvidence> timeStamp, Optional<String> reason) {
    }

    public SignatureEvidence {
        signer = List.copyOf(signer);
        Map<String, List<X509Certificate>> copy = new LinkedHashMap<>();
        identities.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        identities = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Lifts the evidence out of manifest {@code label} of a manifest store and, unless {@code timeStamping} is off,
     * takes a fresh time-stamp over its claim signature under the stamps' rules: an authority that cannot be reached
     * fails it when {@code tsa.required} is on, else the evidence says why it has none.
     *
     * @throws InvalidInputException         when the store has no such manifest or its signature cannot be read
     * @throws TimeStampUnavailableException when the authority cannot be reached and a time-stamp is required
     */
    public static SignatureEvidence fromManifestStore(byte[] store, String label, TrustAnchors anchors,
            TimeStamping timeStamping) {
        return fromManifestStore(store, label, anchors, claim -> fresh(claim, anchors, timeStamping));
    }

    /**
     * Lifts the evidence out of manifest {@code label} of a manifest store without taking a fresh time-stamp: the
     * evidence says {@code why} it has none.
     *
     * @throws InvalidInputException when the store has no such manifest or its signature cannot be read
     */
    public static SignatureEvidence withoutFreshTimeStamp(byte[] store, String label, TrustAnchors anchors,
            String why) {
        return fromManifestStore(store, label, anchors, claim -> new Fresh(Optional.empty(), Optional.of(why)));
    }

    private static SignatureEvidence fromManifestStore(byte[] store, String label, TrustAnchors anchors,
            java.util.function.Function<CoseSign1, Fresh> fresh) {
        Signatures s = signatures(store, label).orElseThrow(() -> new InvalidInputException(
                InvalidInputException.Kind.INVALID_DOCUMENT, "the manifest store has no readable manifest " + label));
        Optional<TimeStampEvidence> token = s.claim().timeStampToken().flatMap(t -> evidence(t, anchors));
        Map<String, List<X509Certificate>> identities = new LinkedHashMap<>();
        s.identities().forEach((l, cose) -> chainOf(cose, anchors).ifPresent(c -> identities.put(l, c)));
        return new SignatureEvidence(label, token, Optional.of(fresh.apply(s.claim())),
                chainOf(s.claim(), anchors).orElse(List.of()), identities);
    }

    /**
     * A token over the claim signature as its own {@code sigTst2} is taken (guide §3.2: the v2 countersignature
     * structure of the signature bytes), so that the same check applies to both.
     */
    private static Fresh fresh(CoseSign1 claim, TrustAnchors anchors, TimeStamping timeStamping) {
        Optional<TimeStamper> authority = timeStamping.authority();
        if (authority.isEmpty()) {
            return new Fresh(Optional.empty(), Optional.of("time-stamping is off (tsa.url none)"));
        }
        try {
            TimeStamp t = authority.get().timeStamp(CoseSign1.counterSignatureData(claim.protectedBytes(),
                    claim.signature()));
            return new Fresh(evidence(t.token(), anchors), Optional.empty());
        } catch (TimeStampUnavailableException e) {
            if (timeStamping.required()) {
                throw e;
            }
            return new Fresh(Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    private static Optional<TimeStampEvidence> evidence(byte[] token, TrustAnchors anchors) {
        try {
            return Optional.of(TimeStampEvidence.of(token, anchors));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("manifest", manifest);
        timeStamp.ifPresent(t -> n.set("timeStamp", t.toJson()));
        fresh.ifPresent(f -> n.set(FRESH, f.timeStamp().map(TimeStampEvidence::toJson).orElseGet(() ->
                JsonNodeFactory.instance.objectNode().put("reason", f.reason().orElse("")))));
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
        Optional<Fresh> fresh = Optional.empty();
        if (n.has(FRESH)) {
            JsonNode f = n.get(FRESH);
            fresh = Optional.of(f.has("token")
                    ? new Fresh(Optional.of(TimeStampEvidence.parse(f, path + "." + FRESH)), Optional.empty())
                    : new Fresh(Optional.empty(), Optional.of(f.path("reason").asText("none given"))));
        }
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
        return new SignatureEvidence(n.get("manifest").textValue(), token, fresh, signer, identities);
    }

    /** The verdict of {@link #check}: whether everything in the evidence holds for the file, and the report. */
    public record Result(boolean holds, ObjectNode report) {
    }

    /**
     * Checks the evidence against an image file, as {@link #check} does against its manifest store; a file whose
     * manifest store cannot be read fails it.
     */
    public Result checkImage(byte[] image, EvidenceTrust trusted) {
        Optional<byte[]> store;
        try {
            store = AssetHandlers.read(image).store().map(ManifestStoreCarrier::jumbf);
        } catch (InvalidInputException e) {
            store = Optional.empty();
        }
        return check(store, trusted);
    }

    /**
     * Checks the evidence against a file's manifest store, offline: the time-stamp covers that file's claim
     * signature; the signer and identity chains are the ones in the file and hold up to their roots. Each is
     * trusted when its root is in the set of its kind: time-stamps in {@code trusted.tsa()}, the signer in
     * {@code trusted.c2pa()}, identity credentials in {@code trusted.cawg()} only.
     */
    public Result check(Optional<byte[]> fileStore, EvidenceTrust trusted) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("manifest", manifest);
        Optional<Signatures> file = fileStore.flatMap(s -> signatures(s, manifest));
        if (file.isEmpty()) {
            report.put("status", "invalid").put("message", "the file has no readable manifest " + manifest
                    + ": the evidence is for another file");
            return new Result(false, report);
        }
        List<String> problems = new ArrayList<>();
        CoseSign1 cose = file.get().claim();
        byte[] signed = CoseSign1.counterSignatureData(cose.protectedBytes(), cose.signature());
        Instant stamped = null;
        if (timeStamp.isPresent()) {
            TimeStampVerdict v = timeStamp.get().check(signed, trusted.tsa());
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
        Instant freshly = null;
        if (fresh.isPresent() && fresh.get().timeStamp().isPresent()) {
            TimeStampVerdict v = fresh.get().timeStamp().get().check(signed, trusted.tsa());
            ObjectNode t = v.toJson();
            if (v.valid()) {
                freshly = v.time().orElseThrow();
                t.put("proves", "This credential (manifest " + manifest + ": its signature, and so the image and"
                        + " the manifest it signs) existed no later than " + freshly + ", as the time-stamping"
                        + " authority " + v.authority() + " attests in a time-stamp taken when this evidence was"
                        + " made. It holds without the signature's own time-stamp, and after that time-stamp's"
                        + " authority certificate has expired.");
            } else {
                problems.add("fresh time-stamp: " + String.join("; ", v.problems()));
            }
            report.set(FRESH, t);
        } else if (fresh.isPresent()) {
            report.putObject(FRESH).put("status", "absent").put("note", "no time-stamp was taken when this"
                    + " evidence was made: " + fresh.get().reason().orElse("none given"));
        }
        // certificates must have been valid when the signature was made: at a time-stamp (the signature's own, else
        // the fresh one: the signature existed by then), or else now
        Instant at = stamped != null ? stamped : freshly != null ? freshly : Instant.now();
        report.set("signer", chainReport(signer, chainOf(file.get().claim(), TrustAnchors.none()), at,
                trusted.c2pa(), "--trust-anchors", "The file's manifest was signed by %s.", "signer", problems));
        ArrayNode list = report.putArray("identities");
        identities.forEach((label, chain) -> {
            Optional<CoseSign1> inFile = Optional.ofNullable(file.get().identities().get(label));
            ObjectNode e = chainReport(chain, inFile.flatMap(c -> chainOf(c, TrustAnchors.none())), at,
                    trusted.cawg(), "--cawg-trust-anchors", "The identity assertion was signed by the creator's"
                            + " identity credential %s: the creator authorised the front end that stamped it.",
                    "identity assertion " + label, problems);
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
            Instant at, TrustAnchors trusted, String option, String proves, String what, List<String> problems) {
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
                    + " with " + option + " to check it that far");
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
