package io.credmark.c2pa.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.claim.JumbfUri;
import io.credmark.c2pa.cose.CoseSign1;
import java.io.IOException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Who a CAWG identity assertion names, read from its X.509 credential, and whether the validation confirmed it:
 * well-formed, signature validated, and the credential trusted by the CAWG trust list. Nothing here is checked; the
 * check is {@code CawgIdentityCheck}'s, whose codes {@link #confirmedBy} reads.
 *
 * @param assertionUrl the assertion's JUMBF URI, as status entries name it
 * @param name         the credential's subject common name (for credmark's creators, their display name)
 * @param pages        the credential's URI subject alternative names (for credmark's creators, their page)
 * @param timeStamped  the genTime of the identity signature's time-stamp, when it carries one
 */
public record IdentitySummary(String assertionUrl, String name, List<String> pages, Optional<Instant> timeStamped) {

    /** Every identity assertion of the manifest whose credential can be read. */
    public static List<IdentitySummary> of(ManifestSummary manifest) {
        List<IdentitySummary> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : manifest.assertions().entrySet()) {
            if (ManifestValidation.baseLabel(e.getKey()).equals(CawgIdentityCheck.LABEL)) {
                read(JumbfUri.absolute(manifest.label(), "c2pa.assertions", e.getKey()), e.getValue())
                        .ifPresent(out::add);
            }
        }
        return out;
    }

    /** Whether these statuses confirm the identity: well-formed, validated and trusted, with no CAWG failure. */
    public boolean confirmedBy(Collection<StatusEntry> statuses) {
        boolean wellFormed = false;
        boolean trusted = false;
        for (StatusEntry s : statuses) {
            if (!assertionUrl.equals(s.url())) {
                continue;
            }
            if (s.kind() == StatusEntry.Kind.FAILURE) {
                return false;
            }
            wellFormed |= s.code().equals(StatusCode.CAWG_IDENTITY_WELL_FORMED);
            trusted |= s.code().equals(StatusCode.CAWG_X509_TRUSTED);
        }
        return wellFormed && trusted;
    }

    private static Optional<IdentitySummary> read(String url, JsonNode node) {
        try {
            CoseSign1 cose = CoseSign1.parse(node.path("signature").binaryValue());
            List<X509Certificate> chain = cose.certificateChain();
            if (chain.isEmpty()) {
                return Optional.empty();
            }
            X509Certificate leaf = chain.get(0);
            Optional<Instant> time = cose.timeStampToken().flatMap(IdentitySummary::genTime);
            return Optional.of(new IdentitySummary(url, commonName(leaf), uris(leaf), time));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> genTime(byte[] token) {
        try {
            return Optional.of(new TimeStampToken(new CMSSignedData(token)).getTimeStampInfo().getGenTime()
                    .toInstant());
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String commonName(X509Certificate leaf) {
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // fall through to the whole name
        }
        return leaf.getSubjectX500Principal().getName();
    }

    private static List<String> uris(X509Certificate leaf) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    if (n.size() == 2 && Integer.valueOf(6).equals(n.get(0))) {
                        out.add(String.valueOf(n.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no readable alternative names
        }
        return List.copyOf(out);
    }
}
