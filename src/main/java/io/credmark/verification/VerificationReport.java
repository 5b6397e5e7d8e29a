package io.credmark.verification;

import io.credmark.c2pa.validate.ValidationResult;
import io.credmark.c2pa.validate.ValidationState;
import io.credmark.container.ContainerProblem;
import io.credmark.container.ImageFormat;
import io.credmark.container.ImageHeader;
import io.credmark.metadata.GeneratorMetadata;
import java.util.List;
import java.util.Optional;

/**
 * What verifying an image found, before it is rendered for a person or a program.
 *
 * @param validation      present when a manifest store was read
 * @param remoteManifest  the URL of a manifest kept outside the file (not fetched)
 * @param error           why a manifest store that is present could not be read
 * @param problems        damage to the container that did not stop reading it
 * @param provenance      credmark's assertion, when the active manifest carries one, with its checked disclosures
 */
public record VerificationReport(Status status, ImageFormat format, ImageHeader header,
        Optional<ValidationResult> validation, Optional<String> remoteManifest, Optional<String> error,
        List<ContainerProblem> problems, Optional<ProvenanceView> provenance,
        Optional<GeneratorMetadata> unsignedMetadata) {

    /** The same report with credmark's assertion checked anew, e.g. with what the service reveals to a viewer. */
    public VerificationReport withProvenance(Optional<ProvenanceView> newProvenance) {
        return new VerificationReport(status, format, header, validation, remoteManifest, error, problems,
                newProvenance, unsignedMetadata);
    }

    /** The four answers, mirroring c2pa-rs: Trusted, Valid, Invalid, and no (readable) manifest. */
    public enum Status {
        TRUSTED, VALID, INVALID, NONE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(ValidationState state) {
            return switch (state) {
                case TRUSTED -> TRUSTED;
                case VALID -> VALID;
                case INVALID -> INVALID;
            };
        }
    }
}
