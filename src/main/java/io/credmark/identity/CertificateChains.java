package io.credmark.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.credmark.InvalidInputException;
import io.credmark.pki.TrustAnchors;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Certificate chains as evidence carries them: completed up to a root, written as base64 DER (as JWS x5c). */
final class CertificateChains {

    private CertificateChains() {
    }

    /**
     * {@code leaf}, then each certificate's issuer, found among {@code carried} or else {@code anchors}, until a
     * self-issued root or no issuer is known.
     */
    static List<X509Certificate> complete(X509Certificate leaf, Collection<X509Certificate> carried,
            TrustAnchors anchors) {
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        while (!selfIssued(last(chain))) {
            X509Certificate child = last(chain);
            Optional<X509Certificate> issuer = carried.stream().filter(c -> !chain.contains(c) && issued(c, child))
                    .findFirst().or(() -> anchors.certificates().stream().filter(c -> !chain.contains(c)
                            && issued(c, child)).findFirst());
            if (issuer.isEmpty()) {
                break;
            }
            chain.add(issuer.get());
        }
        return chain;
    }

    static ArrayNode toJson(List<X509Certificate> chain) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (X509Certificate c : chain) {
            try {
                list.add(Base64.getEncoder().encodeToString(c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("a certificate cannot be encoded", e);
            }
        }
        return list;
    }

    /** @throws InvalidInputException naming the entry that is not a base64 DER certificate */
    static List<X509Certificate> parse(JsonNode list, String path) {
        if (list == null || !list.isArray()) {
            throw invalid(path + ": expected an array of base64 DER certificates");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            try {
                chain.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(base64(list.get(i), at))));
            } catch (CertificateException e) {
                throw invalid(at + ": not an X.509 certificate");
            }
        }
        return chain;
    }

    static byte[] base64(JsonNode n, String path) {
        if (n == null || !n.isTextual()) {
            throw invalid(path + ": expected base64");
        }
        try {
            return Base64.getDecoder().decode(n.textValue());
        } catch (IllegalArgumentException e) {
            throw invalid(path + ": not base64");
        }
    }

    static boolean issued(X509Certificate issuer, X509Certificate child) {
        if (!issuer.getSubjectX500Principal().equals(child.getIssuerX500Principal())) {
            return false;
        }
        try {
            child.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static boolean selfIssued(X509Certificate c) {
        return issued(c, c);
    }

    static X509Certificate last(List<X509Certificate> chain) {
        return chain.get(chain.size() - 1);
    }

    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    static InvalidInputException invalid(String message) {
        return new InvalidInputException(InvalidInputException.Kind.INVALID_DOCUMENT, message);
    }
}
