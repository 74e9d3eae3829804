package org.atlasops.cli.detect;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.atlasops.cli.UserException;
import org.atlasops.detect.adapter.Adapter;
import org.atlasops.detect.alert.AlertWriter;
import org.atlasops.detect.sink.AlertSender;
import org.atlasops.detect.sink.SinkSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Where alerts go besides the usual output, and the input's vendor shape: shared by scan and stream. */
final class SinkOptions {
    @Option(
            names = "--adapter",
            paramLabel = "NAME",
            converter = AdapterConverter.class,
            description = "The input's log shape: litellm, langfuse, openai-usage, azure-openai, bedrock or mcp-log "
                    + "(docs/detect.md#adapters). Default: the events of docs/telemetry.md.")
    Adapter adapter;

    @Option(
            names = "--sink",
            paramLabel = "KIND",
            converter = KindConverter.class,
            description = "Send the alerts to splunk-hec, elastic (or opensearch), syslog-tcp, syslog-udp or kafka "
                    + "(docs/detect.md#sinks).")
    SinkSpec.Kind sink;

    @Option(
            names = "--sink-url",
            paramLabel = "URL",
            description = "The receiver: https://splunk:8088, http://elastic:9200, host:514 for syslog, brokers "
                    + "for kafka.")
    String sinkUrl;

    @Option(
            names = "--sink-token-env",
            paramLabel = "NAME",
            description = "The environment variable that holds the HEC token or the Elastic API key "
                    + "(or user:password); the secret never goes on the command line.")
    String tokenEnv;

    @Option(
            names = "--sink-index",
            paramLabel = "NAME",
            description = "Splunk index, or Elasticsearch index or data stream (default: the "
                    + "token's index; atlas-ops-alerts).")
    String index;

    @Option(
            names = "--sink-topic",
            paramLabel = "TOPIC",
            defaultValue = "atlas-ops.alerts",
            description = "Kafka topic for --sink kafka (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--sink-ca",
            paramLabel = "FILE",
            description = "PEM CA certificates to trust for an https --sink-url, besides the system's.")
    Path ca;

    @Option(
            names = "--sink-batch",
            paramLabel = "N",
            defaultValue = "100",
            description = "At most this many alerts per request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--sink-buffer",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Alerts held for the receiver at most; when full, the scan waits for it "
                    + "(default: ${DEFAULT-VALUE}).")
    int buffer;

    @Option(
            names = "--sink-retry",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "How long a failing batch is retried with backoff (default: ${DEFAULT-VALUE}).")
    int retrySeconds;

    @Option(
            names = "--sink-on-failure",
            paramLabel = "stop|continue",
            defaultValue = "stop",
            converter = PolicyConverter.class,
            description = "Alerts not delivered after the retries are reported (and spilled); then stop (exit 2) "
                    + "or continue (default: ${DEFAULT-VALUE}).")
    SinkSpec.OnFailure onFailure;

    @Option(
            names = "--sink-spill",
            paramLabel = "FILE",
            description = "Append the alerts that could not be delivered here (JSON lines), to send them later.")
    Path spill;

    /** The sink asked for, checked; empty without {@code --sink}. */
    Optional<SinkSpec> spec(AlertWriter.Format format) {
        if (sink == null) {
            for (Object[] o : new Object[][] {
                {"--sink-url", sinkUrl},
                {"--sink-token-env", tokenEnv},
                {"--sink-index", index},
                {"--sink-ca", ca},
                {"--sink-spill", spill}
            }) {
                if (o[1] != null) {
                    throw new UserException(
                            o[0] + " " + o[1] + ": only used with --sink KIND (" + SinkSpec.Kind.names() + ")");
                }
            }
            return Optional.empty();
        }
        if (sinkUrl == null || sinkUrl.isBlank()) {
            throw new UserException("--sink " + sink.cliName() + " needs --sink-url (" + example(sink) + ")");
        }
        Optional<String> token = Optional.empty();
        if (tokenEnv != null) {
            String value = System.getenv(tokenEnv);
            if (value == null || value.isBlank()) {
                throw new UserException("--sink-token-env " + tokenEnv + ": the environment variable is not set "
                        + "or empty; export it with the token first");
            }
            token = Optional.of(value.strip());
        }
        if (ca != null && Files.isDirectory(ca)) {
            throw new UserException("--sink-ca " + ca + ": is a folder; give the PEM certificate file of the CA");
        }
        if (ca != null && !Files.isRegularFile(ca)) {
            throw new UserException("--sink-ca " + ca + ": no such file; give the PEM certificate of the CA");
        }
        if (spill != null && Files.isDirectory(spill)) {
            throw new UserException("--sink-spill " + spill + ": is a folder; give a file to append alerts to");
        }
        if (batch < 1 || batch > 10_000) {
            throw new UserException("--sink-batch " + batch + ": give 1 to 10000");
        }
        if (buffer < batch) {
            throw new UserException(
                    "--sink-buffer " + buffer + ": must hold at least one batch (--sink-batch " + batch + ")");
        }
        if (retrySeconds < 0) {
            throw new UserException("--sink-retry " + retrySeconds + ": give 0 or more seconds");
        }
        try {
            SinkSpec spec = SinkSpec.of(sink, sinkUrl.strip())
                    .withToken(token)
                    .withIndex(Optional.ofNullable(index))
                    .withTopic(topic)
                    .withCaFile(Optional.ofNullable(ca))
                    .withFormat(format)
                    .withBatching(batch, buffer)
                    .withRetry(Duration.ofSeconds(retrySeconds), onFailure)
                    .withSpill(Optional.ofNullable(spill));
            return Optional.of(spec);
        } catch (IllegalArgumentException e) {
            throw new UserException("--sink-url " + sinkUrl + ": " + e.getMessage());
        }
    }

    /** Opens the sender; a target it cannot use is a user's mistake. */
    static AlertSender open(SinkSpec spec, PrintWriter err) {
        return open(spec, err, true);
    }

    /**
     * Opens the sender; with {@code stopLines} false the alerts given up once the run stops are not printed: the
     * command's last line says how many and why (a scan's one line, their detail with --verbose).
     */
    static AlertSender open(SinkSpec spec, PrintWriter err, boolean stopLines) {
        AlertSender.Reporter reporter = new AlertSender.Reporter() {
            @Override
            public void report(String message) {
                err.println("atlas-ops: " + message);
                err.flush();
            }

            @Override
            public void reportStopped(String message) {
                if (stopLines) {
                    report(message);
                }
            }
        };
        try {
            return AlertSender.open(spec, reporter);
        } catch (IllegalArgumentException e) {
            throw new UserException("--sink " + spec.kind().cliName() + ": " + e.getMessage());
        }
    }

    /** "sent 12 alerts to splunk-hec at https://…", and what was not delivered. */
    static String summary(SinkSpec spec, AlertSender.Stats s) {
        String line = "sent " + s.delivered() + " of " + s.accepted() + " alert" + (s.accepted() == 1 ? "" : "s")
                + " to " + spec.kind().cliName() + " at " + spec.target();
        if (s.undelivered() > 0) {
            line += "; " + s.undelivered() + " not delivered ("
                    + s.firstFailure().orElse("") + ")"
                    + spec.spill().map(f -> ", written to " + f).orElse("; give --sink-spill FILE to keep such alerts");
        }
        return line;
    }

    private static String example(SinkSpec.Kind kind) {
        return switch (kind) {
            case SPLUNK_HEC -> "e.g. https://splunk.example.com:8088";
            case ELASTIC -> "e.g. https://elastic.example.com:9200";
            case SYSLOG_TCP, SYSLOG_UDP -> "e.g. siem.example.com:514";
            case KAFKA -> "the bootstrap servers, e.g. kafka:9092";
        };
    }

    static final class KindConverter implements ITypeConverter<SinkSpec.Kind> {
        @Override
        public SinkSpec.Kind convert(String value) {
            return SinkSpec.Kind.byName(value)
                    .orElseThrow(() -> new TypeConversionException(
                            "'" + value + "' is not a sink; give one of " + SinkSpec.Kind.names()));
        }
    }

    static final class AdapterConverter implements ITypeConverter<Adapter> {
        @Override
        public Adapter convert(String value) {
            return Adapter.byName(value)
                    .orElseThrow(() -> new TypeConversionException(
                            "'" + value + "' is not an adapter; give one of " + Adapter.names()));
        }
    }

    static final class PolicyConverter implements ITypeConverter<SinkSpec.OnFailure> {
        @Override
        public SinkSpec.OnFailure convert(String value) {
            return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "stop" -> SinkSpec.OnFailure.STOP;
                case "continue" -> SinkSpec.OnFailure.CONTINUE;
                default -> throw new TypeConversionException("'" + value + "' is not a policy; give stop or continue");
            };
        }
    }
}
