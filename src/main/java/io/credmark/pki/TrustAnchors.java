package io.credmark.pki;

import io.credmark.InvalidInputException;
import io.credmark.InvalidInputException.Kind;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A set of certificates to trust: roots or intermediates, usually read from PEM bundles. Duplicates are dropped and
 * the first-seen order is kept. Immutable.
 */
public final class TrustAnchors {

    private static final TrustAnchors NONE = new TrustAnchors(List.of());

    private final List<X509Certificate> certificates;

    private TrustAnchors(Collection<X509Certificate> certificates) {
        this.certificates = List.copyOf(new LinkedHashSet<>(certificates));
    }

    public static TrustAnchors none() {
        return NONE;
    }

    public static TrustAnchors of(Collection<X509Certificate> certificates) {
        certificates.forEach(certificate -> Objects.requireNonNull(certificate, "certificate"));
        return new TrustAnchors(certificates);
    }

    public static TrustAnchors of(X509Certificate... certificates) {
        return of(List.of(certificates));
    }

    /**
     * Reads PEM bundles. Text between PEM blocks (comments, {@code openssl x509 -text} output) and blocks that are
     * not certificates are ignored.
     *
     * @throws InvalidInputException if a file cannot be read, is damaged, or has no certificate at all
     */
    public static TrustAnchors fromPem(Path... files) {
        return fromPem(List.of(files));
    }

    public static TrustAnchors fromPem(List<Path> files) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            certificates.addAll(read(Pem.readFile(file), Pem.nameOf(file)));
        }
        return new TrustAnchors(certificates);
    }

    /** Parses PEM text, e.g. a bundle received in a request; {@code source} names it in error messages. */
    public static TrustAnchors fromPemText(String pem, String source) {
        return new TrustAnchors(read(pem, source));
    }

    private static List<X509Certificate> read(String text, String source) {
        List<X509Certificate> certificates = Pem.certificates(text, source);
        if (certificates.isEmpty()) {
            throw new InvalidInputException(Kind.BAD_REQUEST, source + ": no certificate found");
        }
        return certificates;
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public boolean isEmpty() {
        return certificates.isEmpty();
    }

    public boolean contains(X509Certificate certificate) {
        return certificates.contains(certificate);
    }

    /** These anchors followed by those of {@code other} that are not already here. */
    public TrustAnchors merge(TrustAnchors other) {
        List<X509Certificate> merged = new ArrayList<>(certificates);
        merged.addAll(other.certificates);
        return new TrustAnchors(merged);
    }

    /** All certificates as one PEM bundle, which {@link #fromPem(Path...)} reads back. */
    public String toPem() {
        return Pem.certificates(certificates);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrustAnchors anchors && Set.copyOf(certificates).equals(Set.copyOf(anchors.certificates));
    }

    @Override
    public int hashCode() {
        return Set.copyOf(certificates).hashCode();
    }

    @Override
    public String toString() {
        return "TrustAnchors[" + certificates.size() + " certificates]";
    }
}
