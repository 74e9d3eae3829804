package org.atlasops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.server.tls.TlsIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve answers HTTPS itself: a real TLS handshake to 127.0.0.1 with a certificate made by the JDK's keytool, given as
 * PEM files (as certbot writes them) and as a PKCS#12 keystore; a client that does not trust the certificate is
 * refused; mistakes in the files are bad inputs naming the file.
 */
class TlsIT {
    private static final char[] PASSWORD = "keystore password".toCharArray();

    @TempDir
    static Path dir;

    static Path p12;
    static Path certPem;
    static Path keyPem;
    static X509Certificate certificate;

    @BeforeAll
    static void makeACertificate() throws Exception {
        p12 = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        p12.toString(),
                        "-storepass",
                        new String(PASSWORD))
                .redirectErrorStream(true)
                .start();
        String said = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(said).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASSWORD);
        }
        certificate = (X509Certificate) ks.getCertificate("server");
        certPem = Files.writeString(dir.resolve("fullchain.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        keyPem = Files.writeString(
                dir.resolve("privkey.pem"),
                pem("PRIVATE KEY", ks.getKey("server", PASSWORD).getEncoded()));
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + kind + "-----\n";
    }

    private static AtlasServer start(Path data, TlsIdentity tls) {
        return AtlasServer.start(new ServerOptions(
                "127.0.0.1",
                0,
                data,
                Optional.empty(),
                false,
                "5.6.0",
                List.of(),
                Optional.empty(),
                90,
                Optional.of(tls)));
    }

    private static HttpClient trusting(X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(ssl)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Test
    void answersHttpsWithPemFiles() throws Exception {
        try (AtlasServer server = start(dir.resolve("pem"), TlsIdentity.fromPem(certPem, keyPem))) {
            HttpResponse<String> r = trusting(certificate)
                    .send(
                            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/healthz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("ok");
            SSLSession session = r.sslSession().orElseThrow();
            assertThat(session.getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(session.getPeerCertificates()[0]).isEqualTo(certificate);
            // the first-start link and the session cookie follow the scheme
            assertThat(server.firstLoginLink())
                    .hasValueSatisfying(l -> assertThat(l).startsWith("https://"));
        }
    }

    @Test
    void answersHttpsWithAKeystoreAndRefusesAClientThatDoesNotTrustIt() throws Exception {
        try (AtlasServer server = start(dir.resolve("p12"), TlsIdentity.fromKeyStore(p12, PASSWORD))) {
            URI health = URI.create("https://127.0.0.1:" + server.port() + "/readyz");
            assertThat(trusting(certificate)
                            .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            HttpClient ordinary = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            assertThatThrownBy(() ->
                            ordinary.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void mistakesInTheFilesNameTheFileAndTheFix() throws Exception {
        assertThatThrownBy(() -> TlsIdentity.fromPem(certPem, certPem))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(certPem.toString())
                .hasMessageContaining("BEGIN PRIVATE KEY");
        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> TlsIdentity.fromPem(certPem, pkcs1))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> TlsIdentity.fromPem(dir.resolve("missing.pem"), keyPem))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing.pem: no such file");
        assertThatThrownBy(() -> TlsIdentity.fromKeyStore(p12, "wrong".toCharArray()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("ATLAS_OPS_TLS_KEYSTORE_PASSWORD");
        // a key of another pair than the certificate's
        java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        Path otherKey = Files.writeString(
                dir.resolve("other-key.pem"),
                pem("PRIVATE KEY", gen.generateKeyPair().getPrivate().getEncoded()));
        assertThatThrownBy(() -> TlsIdentity.fromPem(certPem, otherKey))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not the one of the certificate");
    }
}
