package org.atlasops.detect.sink;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.atlasops.detect.alert.AlertWriter;

/**
 * Where and how alerts are sent.
 *
 * @param kind the receiver's protocol
 * @param target a URL for the HTTP sinks ({@code https://splunk:8088}, {@code http://elastic:9200}), {@code
 *               host:port} for syslog, bootstrap servers for Kafka
 * @param token the HEC token or Elastic credentials ({@code user:password} for basic authentication, else an API
 *              key); empty: none sent
 * @param index Splunk index or Elasticsearch index/data stream (empty: the receiver's default, for Elastic {@code
 *              atlas-ops-alerts})
 * @param topic the Kafka topic
 * @param caFile PEM certificates to trust for HTTPS besides the system's
 * @param format the alerts' JSON shape inside each sink's envelope
 * @param batchSize at most this many alerts per request
 * @param bufferCapacity alerts accepted but not yet delivered, at most; when full, {@code accept} waits
 * @param retryFor how long a failing batch is retried (with backoff) before its alerts count as not delivered
 * @param onFailure what the run does once alerts could not be delivered
 * @param spill a JSON-lines file where alerts that could not be delivered are written, so none is lost
 */
public record SinkSpec(
        Kind kind,
        String target,
        Optional<String> token,
        Optional<String> index,
        String topic,
        Optional<Path> caFile,
        AlertWriter.Format format,
        int batchSize,
        int bufferCapacity,
        Duration retryFor,
        OnFailure onFailure,
        Optional<Path> spill) {

    /** The protocols. */
    public enum Kind {
        SPLUNK_HEC("splunk-hec"),
        ELASTIC("elastic"),
        SYSLOG_TCP("syslog-tcp"),
        SYSLOG_UDP("syslog-udp"),
        KAFKA("kafka");

        private final String cliName;

        Kind(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        public static Optional<Kind> byName(String name) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            if (n.equals("opensearch")) {
                return Optional.of(ELASTIC);
            }
            return Arrays.stream(values()).filter(k -> k.cliName.equals(n)).findFirst();
        }

        public static String names() {
            return Arrays.stream(values()).map(Kind::cliName).collect(Collectors.joining(", "));
        }
    }

    /** What happens once a batch could not be delivered within {@code retryFor}, or was refused for good. */
    public enum OnFailure {
        /** The next alert fails the run (exit 2); the alerts not delivered are reported and spilled. */
        STOP,
        /** The run goes on; every alert not delivered is reported, counted and spilled. */
        CONTINUE
    }

    public static final int DEFAULT_BATCH = 100;
    public static final int DEFAULT_BUFFER = 10_000;
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofSeconds(60);

    public SinkSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(retryFor, "retryFor");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(spill, "spill");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be from 1 to 10000");
        }
        if (bufferCapacity < batchSize) {
            throw new IllegalArgumentException(
                    "buffer " + bufferCapacity + " must hold at least one batch (" + batchSize + ")");
        }
        if (retryFor.isNegative()) {
            throw new IllegalArgumentException("retry time " + retryFor + " is negative");
        }
        if (target.isBlank()) {
            throw new IllegalArgumentException("the " + kind.cliName() + " sink needs a target");
        }
    }

    /** A spec with the defaults: JSON alerts, batches of 100, a buffer of 10,000, retries for 60 s, stop. */
    public static SinkSpec of(Kind kind, String target) {
        return new SinkSpec(
                kind,
                target,
                Optional.empty(),
                Optional.empty(),
                "atlas-ops.alerts",
                Optional.empty(),
                AlertWriter.Format.JSON,
                DEFAULT_BATCH,
                DEFAULT_BUFFER,
                DEFAULT_RETRY_FOR,
                OnFailure.STOP,
                Optional.empty());
    }

    public SinkSpec withToken(Optional<String> t) {
        return new SinkSpec(
                kind, target, t, index, topic, caFile, format, batchSize, bufferCapacity, retryFor, onFailure, spill);
    }

    public SinkSpec withIndex(Optional<String> i) {
        return new SinkSpec(
                kind, target, token, i, topic, caFile, format, batchSize, bufferCapacity, retryFor, onFailure, spill);
    }

    public SinkSpec withTopic(String t) {
        return new SinkSpec(
                kind, target, token, index, t, caFile, format, batchSize, bufferCapacity, retryFor, onFailure, spill);
    }

    public SinkSpec withCaFile(Optional<Path> ca) {
        return new SinkSpec(
                kind, target, token, index, topic, ca, format, batchSize, bufferCapacity, retryFor, onFailure, spill);
    }

    public SinkSpec withFormat(AlertWriter.Format f) {
        return new SinkSpec(
                kind, target, token, index, topic, caFile, f, batchSize, bufferCapacity, retryFor, onFailure, spill);
    }

    public SinkSpec withBatching(int batch, int buffer) {
        return new SinkSpec(
                kind, target, token, index, topic, caFile, format, batch, buffer, retryFor, onFailure, spill);
    }

    public SinkSpec withRetry(Duration retry, OnFailure policy) {
        return new SinkSpec(
                kind, target, token, index, topic, caFile, format, batchSize, bufferCapacity, retry, policy, spill);
    }

    public SinkSpec withSpill(Optional<Path> file) {
        return new SinkSpec(
                kind,
                target,
                token,
                index,
                topic,
                caFile,
                format,
                batchSize,
                bufferCapacity,
                retryFor,
                onFailure,
                file);
    }

    /** The target as an HTTP(S) URL, for the HTTP sinks. */
    URI url() {
        URI u;
        try {
            u = URI.create(target.endsWith("/") ? target.substring(0, target.length() - 1) : target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + target + "' is not a URL: " + e.getMessage(), e);
        }
        if (u.getScheme() == null
                || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                || u.getHost() == null) {
            throw new IllegalArgumentException(
                    "'" + target + "' is not an http or https URL; give e.g. https://host:8088");
        }
        return u;
    }
}
