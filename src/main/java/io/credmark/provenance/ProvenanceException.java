package io.credmark.provenance;

import io.credmark.InvalidInputException;
import java.util.List;

/**
 * A provenance document that cannot be accepted. Carries every problem found (up to
 * {@link ProvenanceLimits#MAX_REPORTED_PROBLEMS}); the message names the first one and counts the rest, e.g.
 * {@code generation.seed: expected an integer, got "abc" (and 2 more problems)}.
 */
public final class ProvenanceException extends InvalidInputException {

    private final List<Problem> problems;
    private final int problemCount;

    public ProvenanceException(List<Problem> problems) {
        this(problems, problems.size());
    }

    ProvenanceException(List<Problem> problems, int problemCount) {
        super(Kind.INVALID_DOCUMENT, summary(problems, problemCount));
        this.problems = List.copyOf(problems);
        this.problemCount = problemCount;
    }

    static ProvenanceException of(String path, String message) {
        return new ProvenanceException(List.of(new Problem(path, message)));
    }

    /** The problems in the order found; at most {@link ProvenanceLimits#MAX_REPORTED_PROBLEMS}. */
    public List<Problem> problems() {
        return problems;
    }

    /** How many problems were found, including any beyond those kept in {@link #problems()}. */
    public int problemCount() {
        return problemCount;
    }

    private static String summary(List<Problem> problems, int problemCount) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ProvenanceException needs at least one problem");
        }
        String first = problems.get(0).toString();
        int more = problemCount - 1;
        if (more == 0) {
            return first;
        }
        return first + " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")";
    }
}
