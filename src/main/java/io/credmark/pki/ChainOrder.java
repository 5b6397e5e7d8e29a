package io.credmark.pki;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Puts a signer's certificates in the order they are published: end entity first, then each issuer, without the
 * self-signed root. Certificates are linked by name and by verified signature, so the order in the input does not
 * matter.
 */
final class ChainOrder {

    private ChainOrder() {
    }

    /**
     * @throws IllegalArgumentException if the certificates are not one chain: no end entity, several, or a
     *         certificate that is not on the end entity's path
     */
    static List<X509Certificate> signingChain(List<X509Certificate> certificates) {
        List<X509Certificate> pool = new ArrayList<>(new LinkedHashSet<>(certificates));
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("no certificate");
        }
        X509Certificate leaf = pool.size() == 1 ? pool.get(0) : findLeaf(pool);
        pool.remove(leaf);

        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        X509Certificate current = leaf;
        while (!isSelfSigned(current)) {
            X509Certificate issuer = issuerOf(current, pool);
            if (issuer == null) {
                break;
            }
            pool.remove(issuer);
            if (isSelfSigned(issuer)) {
                break; // the root: verifiers take it from their trust anchors, never from the signature
            }
            chain.add(issuer);
            current = issuer;
        }
        if (!pool.isEmpty()) {
            throw new IllegalArgumentException("certificate " + subject(pool.get(0))
                    + " is not part of the signing certificate's chain");
        }
        return List.copyOf(chain);
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                && signedBy(certificate, certificate);
    }

    static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static X509Certificate findLeaf(List<X509Certificate> pool) {
        List<X509Certificate> leaves = new ArrayList<>();
        for (X509Certificate candidate : pool) {
            if (!isSelfSigned(candidate) && pool.stream()
                    .noneMatch(other -> other != candidate && signedBy(other, candidate))) {
                leaves.add(candidate);
            }
        }
        if (leaves.size() != 1) {
            throw new IllegalArgumentException(leaves.isEmpty()
                    ? "no end-entity certificate among " + pool.size() + " certificates"
                    : leaves.size() + " end-entity certificates; expected one with its CA certificates");
        }
        return leaves.get(0);
    }

    private static X509Certificate issuerOf(X509Certificate certificate, List<X509Certificate> pool) {
        for (X509Certificate candidate : pool) {
            if (signedBy(certificate, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
