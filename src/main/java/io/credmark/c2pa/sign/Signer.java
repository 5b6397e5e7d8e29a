package io.credmark.c2pa.sign;

import io.credmark.c2pa.cose.CoseAlgorithm;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/** Produces claim signatures. Implementations hold the key: in memory, in a PKCS#12 file, or in an HSM. */
public interface Signer {

    CoseAlgorithm algorithm();

    /** The signer's certificate first, then intermediates; never the root. */
    List<X509Certificate> chain();

    /** The largest signature {@link #sign} can return, so that space can be reserved before signing. */
    int maxSignatureLength();

    /** Signs {@code toBeSigned} (a COSE Sig_structure) and returns the signature in COSE form. */
    byte[] sign(byte[] toBeSigned) throws GeneralSecurityException;
}
