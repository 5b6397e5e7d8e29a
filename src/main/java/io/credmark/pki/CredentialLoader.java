package io.credmark.pki;

import io.credmark.InvalidInputException;
import io.credmark.InvalidInputException.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Loads signing credentials that an operator supplies: a PEM certificate chain with a PEM private key, or a PKCS#12
 * file. Whatever is wrong with them is reported as an {@link InvalidInputException} ({@link Kind#BAD_REQUEST}) with a
 * one-line message that names the file but never reveals a key or a password.
 */
public final class CredentialLoader {

    private CredentialLoader() {
    }

    /**
     * Reads a certificate chain and a private key from PEM files (they may be the same file).
     *
     * @param certChainPem the signing certificate and its intermediates, in any order; a self-signed root in it is
     *        dropped; text between PEM blocks is ignored
     * @param keyPem a {@code PRIVATE KEY}, {@code ENCRYPTED PRIVATE KEY}, {@code EC PRIVATE KEY} or
     *        {@code RSA PRIVATE KEY}
     * @param passwordOrNull the password of an encrypted key; not retained
     */
    public static SigningCredentials fromPem(Path certChainPem, Path keyPem, char[] passwordOrNull) {
        String chainSource = Pem.nameOf(certChainPem);
        List<X509Certificate> certificates = Pem.certificates(Pem.readFile(certChainPem), chainSource);
        if (certificates.isEmpty()) {
            throw badRequest(chainSource + ": no certificate found");
        }
        PrivateKey key = Pem.privateKey(Pem.readFile(keyPem), passwordOrNull, Pem.nameOf(keyPem));
        return credentials(key, certificates, chainSource);
    }

    /**
     * Reads a private key and its certificate chain from a PKCS#12 file.
     *
     * @param password the password of the file and of the key; not retained
     * @param aliasOrNull which key entry to use; may be {@code null} when the file holds exactly one
     */
    public static SigningCredentials fromPkcs12(Path p12, char[] password, String aliasOrNull) {
        String source = Pem.nameOf(p12);
        char[] secret = password == null ? new char[0] : password;
        KeyStore store = load(p12, secret, source);
        String alias = aliasOrNull == null ? onlyKeyAlias(store, source) : aliasOrNull;
        try {
            if (!store.isKeyEntry(alias)) {
                throw badRequest(source + ": has no private key under the alias \"" + alias + "\"");
            }
            Key key = store.getKey(alias, secret);
            if (!(key instanceof PrivateKey privateKey)) {
                throw badRequest(source + ": the entry \"" + alias + "\" is not a private key");
            }
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw badRequest(source + ": the key \"" + alias + "\" has no certificate chain");
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain) {
                if (!(certificate instanceof X509Certificate x509)) {
                    throw badRequest(source + ": holds a certificate that is not X.509");
                }
                certificates.add(x509);
            }
            return credentials(privateKey, certificates, source);
        } catch (UnrecoverableKeyException e) {
            throw badRequest(source + ": cannot decrypt the private key (wrong password?)");
        } catch (GeneralSecurityException e) {
            throw badRequest(source + ": cannot read the private key (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static KeyStore load(Path p12, char[] password, String source) {
        byte[] bytes;
        try {
            if (Files.size(p12) > Pem.MAX_FILE_BYTES) {
                throw badRequest(source + ": file is larger than " + (Pem.MAX_FILE_BYTES >> 20) + " MiB");
            }
            bytes = Files.readAllBytes(p12);
        } catch (NoSuchFileException e) {
            throw badRequest(source + ": file not found");
        } catch (IOException e) {
            throw badRequest(source + ": cannot read file (" + e.getClass().getSimpleName() + ")");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
            return store;
        } catch (IOException e) {
            throw badRequest(source + (e.getCause() instanceof UnrecoverableKeyException
                    ? ": wrong password"
                    : ": not a readable PKCS#12 file"));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw badRequest(source + ": not a readable PKCS#12 file");
        }
    }

    private static String onlyKeyAlias(KeyStore store, String source) {
        List<String> keyAliases = new ArrayList<>();
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
        } catch (GeneralSecurityException e) {
            throw badRequest(source + ": cannot list the entries");
        }
        if (keyAliases.size() != 1) {
            throw badRequest(keyAliases.isEmpty()
                    ? source + ": holds no private key"
                    : source + ": holds " + keyAliases.size() + " private keys; choose one of the aliases "
                            + String.join(", ", keyAliases));
        }
        return keyAliases.get(0);
    }

    private static SigningCredentials credentials(PrivateKey key, List<X509Certificate> certificates,
                                                  String chainSource) {
        KeyType keyType;
        try {
            keyType = KeyType.of(key);
        } catch (IllegalArgumentException e) {
            throw badRequest("private key: " + e.getMessage());
        }
        List<X509Certificate> chain;
        try {
            chain = ChainOrder.signingChain(certificates);
        } catch (IllegalArgumentException e) {
            throw badRequest(chainSource + ": " + e.getMessage());
        }
        X509Certificate leaf = chain.get(0);
        if (!KeyMatch.matches(key, leaf.getPublicKey())) {
            throw badRequest("the private key does not match the signing certificate "
                    + leaf.getSubjectX500Principal().getName());
        }
        return new SigningCredentials(key, chain, keyType);
    }

    private static InvalidInputException badRequest(String message) {
        return new InvalidInputException(Kind.BAD_REQUEST, message);
    }
}
