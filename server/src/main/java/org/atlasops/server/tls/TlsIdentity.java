package org.atlasops.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.atlasops.kb.failure.BadInputException;

/**
 * The certificate chain and private key {@code serve} answers HTTPS with: from PEM files (what certbot and most CAs
 * hand out) or from a PKCS#12 keystore. Every mistake (a missing file, a key of another form, a key that is not the
 * certificate's) is a bad input naming the file and the fix, found before the server listens.
 */
public final class TlsIdentity {
    private static final String ALIAS = "atlas-ops";
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final KeyStore keyStore;
    private final char[] password;
    private final X509Certificate certificate;

    private TlsIdentity(KeyStore keyStore, char[] password, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.password = password.clone();
        this.certificate = certificate;
    }

    /**
     * A PEM certificate file (the server's certificate first, then any intermediates) and a PEM private key in
     * PKCS#8 form ({@code BEGIN PRIVATE KEY}), unencrypted; RSA, EC and Ed25519 keys.
     */
    public static TlsIdentity fromPem(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        if (!matches(key, chain.get(0).getPublicKey())) {
            throw new BadInputException(keyFile + ": this private key is not the one of the certificate in "
                    + certificateFile + " (its first certificate must be the server's); give the key the "
                    + "certificate was issued for");
        }
        try {
            char[] password = randomPassword();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
            return new TlsIdentity(ks, password, chain.get(0));
        } catch (GeneralSecurityException | IOException e) {
            throw new BadInputException(keyFile + ": the key cannot be used for TLS here: " + e.getMessage(), e);
        }
    }

    /** A PKCS#12 keystore ({@code .p12}, {@code .pfx}) holding one private key entry with its chain. */
    public static TlsIdentity fromKeyStore(Path file, char[] password) {
        Objects.requireNonNull(password, "password");
        KeyStore ks;
        try (InputStream in = Files.newInputStream(readable(file))) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
        } catch (IOException e) {
            // a wrong password and a file of another kind both end here
            throw new BadInputException(file + ": not a PKCS#12 keystore this password opens (" + e.getMessage()
                    + "); check ATLAS_OPS_TLS_KEYSTORE_PASSWORD, or give PEM files with --tls-cert and --tls-key");
        } catch (GeneralSecurityException e) {
            throw new BadInputException(file + ": cannot read the keystore: " + e.getMessage(), e);
        }
        try {
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            if (keys.size() != 1) {
                throw new BadInputException(file + ": holds " + keys.size() + " private keys " + keys
                        + "; the keystore for serve must hold exactly one, with its certificate chain");
            }
            Certificate first = ks.getCertificate(keys.get(0));
            if (!(first instanceof X509Certificate x509)) {
                throw new BadInputException(file + ": the key entry '" + keys.get(0) + "' has no X.509 certificate");
            }
            try {
                ks.getKey(keys.get(0), password);
            } catch (GeneralSecurityException e) {
                throw new BadInputException(file + ": the key entry '" + keys.get(0) + "' has another password "
                        + "than the keystore; give both the same password");
            }
            return new TlsIdentity(ks, password, x509);
        } catch (java.security.KeyStoreException e) {
            throw new BadInputException(file + ": cannot read the keystore: " + e.getMessage(), e);
        }
    }

    /** The keystore holding the key and its chain, for the web server. */
    public KeyStore keyStore() {
        return keyStore;
    }

    /** The password of the keystore and its key entry. */
    public char[] password() {
        return password.clone();
    }

    /** The server's certificate (the first of the chain). */
    public X509Certificate certificate() {
        return certificate;
    }

    private static Path readable(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a folder; give the file itself");
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException(
                    file + ": " + (Files.exists(file) ? "cannot be read by this user" : "no such file"));
        }
        return file;
    }

    private static List<X509Certificate> certificates(Path file) {
        String text = pemText(file);
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            Matcher m = PEM_BLOCK.matcher(text);
            while (m.find()) {
                if (m.group(1).equals("CERTIFICATE")) {
                    chain.add((X509Certificate) x509.generateCertificate(new java.io.ByteArrayInputStream(
                            Base64.getMimeDecoder().decode(m.group(2)))));
                }
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new BadInputException(file + ": a certificate in it cannot be read (" + e.getMessage()
                    + "); --tls-cert takes PEM certificates (BEGIN CERTIFICATE)");
        }
        if (chain.isEmpty()) {
            throw new BadInputException(file + ": holds no PEM certificate (BEGIN CERTIFICATE); --tls-cert takes the "
                    + "server's certificate, then its intermediates, in PEM");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) {
        Matcher m = PEM_BLOCK.matcher(pemText(file));
        if (!m.find()) {
            throw new BadInputException(
                    file + ": holds no PEM private key; --tls-key takes a PKCS#8 key " + "(BEGIN PRIVATE KEY)");
        }
        String kind = m.group(1);
        switch (kind) {
            case "PRIVATE KEY" -> {}
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
                throw new BadInputException(file + ": is a " + kind.replace(" PRIVATE KEY", "") + " key in the older "
                        + "form (BEGIN " + kind + "); convert it to PKCS#8 with 'openssl pkcs8 -topk8 -nocrypt -in "
                        + file + " -out key.pem' and give key.pem");
            case "ENCRYPTED PRIVATE KEY" ->
                throw new BadInputException(file + ": the key is encrypted; give an unencrypted PKCS#8 key readable "
                        + "only by the service's user ('openssl pkcs8 -in " + file + " -out key.pem'), or a PKCS#12 "
                        + "keystore with --tls-keystore");
            default ->
                throw new BadInputException(file + ": its first PEM block is '" + kind + "', not a private key; "
                        + "--tls-key takes a PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // try the next algorithm
            }
        }
        throw new BadInputException(file + ": the private key is not an RSA, EC or Ed25519 key this Java reads");
    }

    private static String pemText(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(readable(file));
            if (bytes.length > 1024 * 1024) {
                throw new BadInputException(file + ": is larger than 1 MiB; give the PEM file itself");
            }
            return new String(bytes, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Whether the key signs what the certificate's public key verifies. */
    private static boolean matches(PrivateKey key, PublicKey certified) {
        if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "atlas-ops".getBytes(StandardCharsets.US_ASCII);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certified);
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] p = new char[24];
        for (int i = 0; i < p.length; i++) {
            p[i] = (char) ('a' + random.nextInt(26));
        }
        return p;
    }
}
