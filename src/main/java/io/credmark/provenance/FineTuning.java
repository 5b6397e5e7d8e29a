package io.credmark.provenance;

/**
 * How the model was fine-tuned; both parts optional.
 *
 * @param method e.g. {@code LoRA (kohya-ss sd-scripts), rank 32}
 * @param notes  free text
 */
public record FineTuning(String method, String notes) {

    public static final FineTuning EMPTY = new FineTuning(null, null);

    public boolean isEmpty() {
        return method == null && notes == null;
    }
}
