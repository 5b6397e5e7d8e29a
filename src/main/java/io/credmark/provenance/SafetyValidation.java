package io.credmark.provenance;

/**
 * How the model was checked for unsafe output; both parts optional.
 *
 * @param method what was done, e.g. a red-teaming prompt set or classifier
 * @param result what came out
 */
public record SafetyValidation(String method, String result) {

    public static final SafetyValidation EMPTY = new SafetyValidation(null, null);

    public boolean isEmpty() {
        return method == null && result == null;
    }
}
