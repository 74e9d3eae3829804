package org.atlasops.cli.detect;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.atlasops.cli.ExitCodes;
import org.atlasops.cli.FormatOption;
import org.atlasops.detect.alert.AlertWriter;
import org.atlasops.detect.prompt.PromptPath;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.detect.sink.AlertSender;
import org.atlasops.detect.sink.SinkSpec;
import org.atlasops.detect.stream.DetectionStream;
import org.atlasops.kb.KnowledgeBase;
import org.atlasops.kb.failure.UnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code detect stream}: the same engine as a Kafka Streams application. */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the detector as a Kafka Streams application: JSON events from the input topic, one alert "
                    + "per record to the output topic (keyed by rule id), exactly-once processing, correlation windows in "
                    + "a changelogged state store. Scale by running more instances with the same application id (up to "
                    + "the number of input partitions). Stops cleanly on Ctrl-C.",
            "Correlations see the events of one partition: key the input by the entity your correlations group "
                    + "by, or name a field with --partition-by to have the app repartition."
        },
        footer = {
            "",
            "Example:",
            "  atlas-ops detect stream --bootstrap-servers kafka:9092 --input ai-telemetry "
                    + "--output atlas-alerts --partition-by user.id",
            "  atlas-ops detect stream --bootstrap-servers kafka:9092 --input bedrock-logs --adapter bedrock "
                    + "--sink syslog-tcp --sink-url siem.example.com:6514"
        })
final class StreamCommand implements Callable<Integer> {
    @ParentCommand
    DetectCommand parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    SinkOptions sinkOptions;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka brokers.")
    String bootstrapServers;

    @Option(
            names = "--input",
            paramLabel = "TOPIC",
            defaultValue = "atlas-ops.events",
            description = "Events topic (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(
            names = "--output",
            paramLabel = "TOPIC",
            defaultValue = "atlas-ops.alerts",
            description = "Alerts topic (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(
            names = "--application-id",
            paramLabel = "ID",
            defaultValue = "atlas-ops-detect",
            description = "Kafka Streams application id; instances with the same id share the work "
                    + "(default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(
            names = "--partition-by",
            paramLabel = "FIELD",
            description = "Repartition events by this field first (e.g. user.id, mcp.session.id).")
    String partitionBy;

    @Option(
            names = "--time-field",
            paramLabel = "FIELD",
            description = "The events' time field (default: @timestamp, timestamp, …, else the record time).")
    String timeField;

    @Mixin
    FormatOption<AlertWriter.Format> format = FormatOption.of(
                    AlertWriter.Format.JSON, AlertWriter.Format.OCSF, AlertWriter.Format.ECS)
            .described("Alert format: json, ocsf or ecs");

    @Option(
            names = "--suppress-repeats",
            description = "Once a correlation alerts for a group, hold back its "
                    + "further alerts for that group until its timespan has passed (default: an alert at every event while "
                    + "the condition holds). Kept per task in memory: after a restart a group may alert once more.")
    boolean suppressRepeats;

    @Option(
            names = "--connect-timeout",
            paramLabel = "SECONDS",
            defaultValue = "15",
            description = "How long to wait for the brokers at start before giving up (default: ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Kafka Streams state directory (default: <data-dir>/streams).")
    Path stateDir;

    @Mixin
    PromptModelOption promptModel = PromptModelOption.onAlerts();

    @Option(
            names = "--property",
            paramLabel = "KEY=VALUE",
            description = "Any other Kafka Streams setting (repeatable), e.g. num.stream.threads=2.")
    Map<String, String> properties;

    /**
     * Asks the brokers for the cluster before the stream starts: Kafka's clients would otherwise retry an unreachable
     * broker for ever, with a warning each time.
     */
    private void reachBrokers(Properties props) throws InterruptedException {
        Properties admin = new Properties();
        admin.putAll(props);
        int ms = (int) Math.min(Integer.MAX_VALUE, connectTimeoutSeconds * 1000L);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        try (Admin client = Admin.create(admin)) {
            client.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                    .nodes()
                    .get(ms + 2000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new UnavailableException("cannot reach the Kafka brokers at " + bootstrapServers + " within "
                    + connectTimeoutSeconds + " s; check --bootstrap-servers and that Kafka is running "
                    + "(--connect-timeout waits longer)");
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        var err = spec.commandLine().getErr();
        if (parent.root.verbose()) { // Kafka's own log lines (reconnects and the like) only when asked for
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "info");
        }
        PromptPath promptPath = promptModel.get(); // a wrong value fails before Kafka is tried
        RuleSet rules = ruleOptions.toRun(err);
        KnowledgeBase kb = parent.root.knowledgeBase();
        Properties props = DetectionStream.properties(applicationId, bootstrapServers);
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                (stateDir != null ? stateDir : parent.root.dataDir().resolve("streams")).toString());
        if (properties != null) {
            props.putAll(properties);
        }
        DetectionStream.Options options = new DetectionStream.Options(
                input,
                output,
                Optional.ofNullable(partitionBy),
                Optional.ofNullable(timeField),
                format.get(),
                org.atlasops.detect.canary.CanaryStore.read(
                        parent.root.dataDir().resolve("canaries.json")),
                suppressRepeats,
                Optional.ofNullable(sinkOptions.adapter),
                promptPath);
        Optional<SinkSpec> sinkSpec = sinkOptions.spec(format.get());
        reachBrokers(props);
        AlertSender sender = sinkSpec.map(s -> SinkOptions.open(s, err)).orElse(null);
        CountDownLatch stopped = new CountDownLatch(1);
        KafkaStreams streams = new KafkaStreams(
                DetectionStream.topology(
                        rules, kb, options, bad -> err.println("atlas-ops: skipped record " + bad), a -> {
                            if (sender != null) {
                                try {
                                    sender.accept(a);
                                } catch (IOException e) { // policy stop: the stream thread ends, and the app
                                    throw new IllegalStateException(e.getMessage(), e);
                                }
                            }
                        }),
                props);
        streams.setStateListener((now, before) -> {
            err.println("atlas-ops: stream " + before + " -> " + now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            err.println("atlas-ops: stream error: " + e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .SHUTDOWN_CLIENT;
        });
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            streams.close(java.time.Duration.ofSeconds(30));
                            if (sender != null) {
                                err.println("atlas-ops: " + SinkOptions.summary(sinkSpec.get(), sender.finish()));
                            }
                            stopped.countDown();
                        },
                        "atlas-ops-stream-shutdown"));
        err.println("atlas-ops: " + rules.rules().size() + " rules and "
                + rules.correlations().size()
                + " correlations, " + input + " -> " + output + " on " + bootstrapServers + " (ATLAS " + kb.version()
                + "); Ctrl-C stops");
        streams.start();
        stopped.await();
        if (sender != null) {
            sender.finish(); // the shutdown hook says what was sent
            if (sender.stopped().isPresent()) { // the sink, not the stream, failed: exit 2 with its reason
                throw new UnavailableException(sender.stopped().get());
            }
        }
        return streams.state() == KafkaStreams.State.ERROR ? ExitCodes.INTERNAL_ERROR : ExitCodes.OK;
    }
}
