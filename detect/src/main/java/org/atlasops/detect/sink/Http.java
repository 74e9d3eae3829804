package org.atlasops.detect.sink;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The HTTP(S) client the HTTP sinks share: timeouts, extra trusted certificates, failures sorted by kind. */
final class Http {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;

    Http(Optional<Path> caFile) {
        HttpClient.Builder b =
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER);
        caFile.ifPresent(f -> b.sslContext(trusting(f)));
        this.client = b.build();
    }

    /** A POST; a reply of any status is returned, a request that got no reply is a {@link Transport.Failed}. */
    HttpResponse<String> post(URI uri, Map<String, String> headers, String body) throws Transport.Failed {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(r::header);
        try {
            return client.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new Transport.Failed(
                    "cannot connect to " + origin(uri) + " (no answer within " + CONNECT_TIMEOUT.toSeconds() + " s)",
                    true,
                    e);
        } catch (ConnectException e) {
            throw new Transport.Failed("cannot connect to " + origin(uri) + " (connection refused)", true, e);
        } catch (HttpTimeoutException e) {
            throw new Transport.Failed(
                    origin(uri) + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s", true, e);
        } catch (SSLException e) {
            throw new Transport.Failed(
                    "TLS with " + origin(uri) + " failed (" + describe(e) + "); give --sink-ca the PEM "
                            + "certificate of its CA",
                    false,
                    e);
        } catch (IOException e) {
            throw new Transport.Failed(origin(uri) + ": " + describe(e), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Transport.Failed("interrupted while sending to " + origin(uri), true, e);
        }
    }

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** The system's trusted CAs and those of a PEM file. */
    static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, c);
            }
            if (n == 0) {
                throw new IllegalArgumentException(pem + ": no PEM certificate in it; give the CA certificate");
            }
            TrustManagerFactory extra = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            extra.init(store);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            X509TrustManager mine = (X509TrustManager) extra.getTrustManagers()[0];
            X509TrustManager theirs = (X509TrustManager) system.getTrustManagers()[0];
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new EitherTrust(mine, theirs)}, null);
            return ctx;
        } catch (IOException e) {
            throw new IllegalArgumentException(pem + ": cannot read the CA certificates: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + ": not PEM certificates: " + e.getMessage(), e);
        }
    }

    /** Trusts a server either trust manager trusts. */
    private record EitherTrust(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            first.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (java.security.cert.CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }

    /** A status worth retrying: throttled, busy, a gateway's or server's failure. */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** The first 200 characters of a reply body, for a message. */
    static String brief(String body) {
        String b = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return b.length() > 200 ? b.substring(0, 200) + "…" : b;
    }
}
