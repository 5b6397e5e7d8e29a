package io.credmark.store;

import java.util.Objects;

/** A credential stamped by naming a registered model: the model and the revision whose record it carries. */
public record ModelLinkRecord(long credentialId, String modelId, int modelRevision) {

    public ModelLinkRecord {
        Objects.requireNonNull(modelId, "modelId");
    }
}
