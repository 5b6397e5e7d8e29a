package io.credmark.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the reference C2PA verifier (c2pa-rs via {@code interop/verify.mjs}) said about one file.
 *
 * @param file               the file as it was passed to {@link ReferenceVerifier#verify}
 * @param validationState    {@code "Trusted"}, {@code "Valid"}, {@code "Invalid"}, or {@code null} when no manifest
 *                           could be read (then {@link #error()} says why)
 * @param failureCodes       failure status codes (active manifest and ingredients), in report order, may repeat
 *                           when the same code is reported for different URLs
 * @param successCodes       success status codes of the active manifest, without duplicates
 * @param informationalCodes informational status codes of the active manifest, without duplicates
 * @param error              why no manifest could be read (e.g. {@code C2pa(JumbfNotFound)}), or {@code null}
 */
public record ReferenceVerdict(
        Path file,
        String validationState,
        List<String> failureCodes,
        List<String> successCodes,
        List<String> informationalCodes,
        String error) {

    public ReferenceVerdict {
        Objects.requireNonNull(file, "file");
        failureCodes = List.copyOf(failureCodes);
        successCodes = List.copyOf(successCodes);
        informationalCodes = List.copyOf(informationalCodes);
    }

    /** True when the verifier found and read a manifest (whatever its state). */
    public boolean hasManifest() {
        return validationState != null;
    }

    /** True when the state is {@code Trusted} and no failure code was reported. */
    public boolean isTrusted() {
        return "Trusted".equals(validationState) && failureCodes.isEmpty();
    }

    /** One line for assertion messages, e.g. {@code a.jpg: Invalid [assertion.dataHash.mismatch]}. */
    public String summary() {
        return file.getFileName() + ": " + (validationState == null ? "no manifest" : validationState)
                + " " + failureCodes + (error == null ? "" : " (" + error + ")");
    }
}
