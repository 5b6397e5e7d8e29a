package io.credmark.pki;

import io.credmark.InvalidInputException;
import io.credmark.InvalidInputException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reading and writing the PEM text form (RFC 7468) of certificates and private keys. Errors are
 * {@link InvalidInputException}s naming the file, never its content.
 */
final class Pem {

    /** Larger than any sensible certificate bundle or key file; protects against being handed a disk image. */
    static final long MAX_FILE_BYTES = 4L << 20;

    private static final Set<String> CERTIFICATE_LABELS = Set.of("CERTIFICATE", "X509 CERTIFICATE",
            "TRUSTED CERTIFICATE");

    private Pem() {
    }

    /** Reads a PEM file as text. */
    static String readFile(Path file) {
        String name = nameOf(file);
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw badRequest(name + ": file is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
            }
            // PEM is ASCII; Latin-1 maps every byte to a character, so stray binary bytes cannot fail the decoding.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw badRequest(name + ": file not found");
        } catch (IOException e) {
            throw badRequest(name + ": cannot read file (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String nameOf(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /**
     * All certificates in the text, in file order. Anything outside PEM blocks is ignored, as are blocks of other
     * types (keys, parameters), so that bundles with comments and combined key+certificate files both work.
     */
    static List<X509Certificate> certificates(String text, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory = x509Factory();
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject block;
            while ((block = reader.readPemObject()) != null) {
                if (!CERTIFICATE_LABELS.contains(block.getType())) {
                    continue;
                }
                try {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(block.getContent())));
                } catch (CertificateException | RuntimeException e) {
                    throw badRequest(source + ": certificate " + (certificates.size() + 1) + " cannot be parsed", e);
                }
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw badRequest(source + ": damaged PEM data", e);
        }
        return certificates;
    }

    /**
     * The one private key in the text: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE
     * KEY}), or the OpenSSL traditional forms ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}, optionally encrypted).
     */
    static PrivateKey privateKey(String text, char[] passwordOrNull, String source) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey found = null;
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                PrivateKey key = toPrivateKey(object, passwordOrNull, converter, source);
                if (key == null) {
                    continue;
                }
                if (found != null) {
                    throw badRequest(source + ": holds more than one private key");
                }
                found = key;
            }
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw badRequest(source + ": damaged PEM data", e);
        }
        if (found == null) {
            throw badRequest(source + ": no private key found");
        }
        return found;
    }

    private static PrivateKey toPrivateKey(Object object, char[] password, JcaPEMKeyConverter converter,
                                           String source) throws IOException {
        if (object instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
            // Only the private half: the public key is optional in an EC PRIVATE KEY (RFC 5915 §3).
            return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            requirePassword(password, source);
            try {
                return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(bouncyCastle()).build(password)));
            } catch (Exception e) {
                throw badRequest(source + ": cannot decrypt the private key (wrong password?)", e);
            }
        }
        if (object instanceof PEMEncryptedKeyPair encrypted) {
            requirePassword(password, source);
            try {
                return converter.getPrivateKey(encrypted.decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(bouncyCastle()).build(password))
                        .getPrivateKeyInfo());
            } catch (Exception e) {
                throw badRequest(source + ": cannot decrypt the private key (wrong password?)", e);
            }
        }
        return null;
    }

    private static void requirePassword(char[] password, String source) {
        if (password == null) {
            throw badRequest(source + ": the private key is encrypted; a password is required");
        }
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    static String certificate(X509Certificate certificate) {
        try {
            return encode("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    static String certificates(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            pem.append(certificate(certificate));
        }
        return pem.toString();
    }

    /** The key as unencrypted PKCS#8, {@code PRIVATE KEY}. */
    static String privateKey(PrivateKey key) {
        return encode("PRIVATE KEY", key.getEncoded());
    }

    static CertificateFactory x509Factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this Java runtime has no X.509 support", e);
        }
    }

    private static Provider bouncyCastle() {
        return BouncyCastle.PROVIDER;
    }

    private static InvalidInputException badRequest(String message) {
        return new InvalidInputException(Kind.BAD_REQUEST, message);
    }

    private static InvalidInputException badRequest(String message, Throwable cause) {
        return new InvalidInputException(Kind.BAD_REQUEST, message, cause);
    }

    // Created on first use only: building the provider takes a noticeable fraction of a second. It is used as an
    // instance, never registered, so credmark does not change the JVM-wide provider list.
    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
