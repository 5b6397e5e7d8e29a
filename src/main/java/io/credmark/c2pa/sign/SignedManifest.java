package io.credmark.c2pa.sign;

import io.credmark.bytes.Sha256;
import io.credmark.container.EmbeddingPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A signed manifest store and where it goes: the output is the planned input bytes with {@code carrier} inserted.
 *
 * @param label   the new active manifest's label ({@code urn:c2pa:…})
 * @param store   the manifest store's JUMBF bytes
 * @param carrier the store wrapped for the format (APP11 segments, a {@code caBX} chunk)
 * @param timeStamp the time-stamp on the claim signature, or why there is none
 * @param identity  present when the manifest carries a CAWG identity assertion: the time-stamp on its signature,
 *                  or why there is none
 * @param signer    the certificate the claim was signed with: the signer current when it was signed
 */
public record SignedManifest(String label, byte[] store, byte[] carrier, EmbeddingPlan plan,
        TimeStampOutcome timeStamp, Optional<TimeStampOutcome> identity, X509Certificate signer) {

    /** SHA-256 of the signer certificate (DER), lower-case hex. */
    public String signerSha256() {
        try {
            return Sha256.hex(signer.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the signer certificate cannot be encoded", e);
        }
    }

    public void writeTo(OutputStream out) throws IOException {
        plan.writeTo(out, carrier);
    }

    public byte[] toByteArray() {
        return plan.assemble(carrier);
    }
}
