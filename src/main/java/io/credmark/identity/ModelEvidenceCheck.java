package io.credmark.identity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.pki.TrustAnchors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a model's evidence bundle offline and says in words what it proves: each time-stamp covers its statement
 * exactly (a changed record no longer matches), was signed by the authority's certificate, and that certificate
 * chains to a root; the verdict is trusted when the root is one the checker names.
 */
public final class ModelEvidenceCheck {

    /** What a registration time-stamp cannot show, however valid. */
    public static final String DOES_NOT_PROVE = "It does not prove authorship: a time-stamp shows that this record"
            + " existed at that time, not who made the model or its weights; that the record was registered by this"
            + " creator is the registry's statement. Its weight is the time-stamping authority's: a time-stamp from"
            + " an authority independent of the registry's operator is stronger evidence than one from the"
            + " registry's built-in authority.";

    /** The verdict on the whole bundle: the worst of its registrations'. */
    public enum Status {
        TRUSTED, VALID, INVALID
    }

    /** The verdict and the report in words, per registration. */
    public record Result(Status status, ObjectNode report) {
    }

    private ModelEvidenceCheck() {
    }

    /**
     * @param trusted the roots the checker trusts (e.g. the anchors the registry publishes, or an independent TSA's);
     *                with none, a bundle whose chains hold is at best valid
     */
    public static Result check(ModelEvidence evidence, TrustAnchors trusted) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("model", evidence.modelId());
        ArrayNode list = report.putArray("registrations");
        List<String> problems = new ArrayList<>();
        boolean allTrusted = true;
        boolean anyValid = false;
        List<String> untrustedRoots = new ArrayList<>();
        for (int i = 0; i < evidence.registrations().size(); i++) {
            ModelEvidence.Registration r = evidence.registrations().get(i);
            ModelRegistration statement = ModelRegistration.fromStatement(r.statement(), "registrations[" + i + "]");
            ObjectNode entry = list.addObject().put("revision", statement.revision())
                    .put("creator", statement.creator()).put("registeredAt", statement.registeredAt().toString());
            Optional<String> problem = Optional.empty();
            if (!statement.modelId().equals(evidence.modelId())) {
                problem = Optional.of("registrations[" + i + "] is a statement about another model ("
                        + statement.modelId() + ")");
            } else if (!evidence.modelId().startsWith(statement.creator() + ":")) {
                problem = Optional.of("registrations[" + i + "] names a creator (" + statement.creator()
                        + ") other than the model's");
            } else if (r.timeStamp().isEmpty()) {
                problem = Optional.of("registrations[" + i + "] (revision " + statement.revision()
                        + ") has no time-stamp, so it proves nothing");
            }
            if (problem.isPresent()) {
                entry.put("status", "invalid").put("problem", problem.get());
                problems.add(problem.get());
                allTrusted = false;
                continue;
            }
            TimeStampVerdict verdict = r.timeStamp().get().check(CanonicalStatement.bytes(r.statement()), trusted);
            entry.set("timeStamp", verdict.toJson());
            entry.put("status", verdict.status());
            if (!verdict.valid()) {
                problems.add("registrations[" + i + "] (revision " + statement.revision() + "): "
                        + String.join("; ", verdict.problems()));
                allTrusted = false;
                continue;
            }
            anyValid = true;
            entry.put("proves", proves(statement, verdict));
            if (!verdict.trusted()) {
                allTrusted = false;
                String root = verdict.root() + " (SHA-256 " + verdict.rootSha256() + ")";
                if (!untrustedRoots.contains(root)) {
                    untrustedRoots.add(root);
                }
            }
        }
        report.put("doesNotProve", DOES_NOT_PROVE);
        Status status = !problems.isEmpty() || !anyValid ? Status.INVALID : allTrusted ? Status.TRUSTED : Status.VALID;
        report.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        switch (status) {
            case INVALID -> report.put("message", "The evidence does not hold: " + String.join("; ", problems));
            case TRUSTED -> report.put("message", "The evidence holds, and every time-stamping authority chains to a"
                    + " root you trust.");
            case VALID -> report.put("message", "The evidence holds, but the time-stamping authority's root is not"
                    + " one you named with --trust-anchors: " + String.join(", ", untrustedRoots) + ". Compare its"
                    + " fingerprint with the one its operator publishes (credmark: GET /v1/trust/anchors) before"
                    + " relying on it.");
        }
        return new Result(status, report);
    }

    /** The claim of a registration, in words, for the bundle's reader (the check recomputes it from the token). */
    static Optional<String> claim(ModelEvidence.Registration r) {
        if (r.timeStamp().isEmpty()) {
            return Optional.empty();
        }
        ModelRegistration statement = ModelRegistration.fromStatement(r.statement(), "statement");
        return TimeStampEvidence.read(r.timeStamp().get().token()).map(t -> claim(statement,
                t.getTimeStampInfo().getGenTime().toInstant().toString(),
                r.timeStamp().get().chain().isEmpty() ? "an unnamed authority"
                        : r.timeStamp().get().chain().get(0).getSubjectX500Principal().getName()));
    }

    private static String proves(ModelRegistration statement, TimeStampVerdict verdict) {
        return claim(statement, verdict.time().orElseThrow().toString(), verdict.authority());
    }

    private static String claim(ModelRegistration s, String time, String authority) {
        return "This record (model " + s.modelId() + ", revision " + s.revision() + ") existed, registered by this"
                + " creator (" + s.creator() + "), no later than " + time + ", as the time-stamping authority "
                + authority + " attests.";
    }
}
