package org.atlasops.detect.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.atlasops.detect.adapter.Adapter;
import org.atlasops.detect.alert.Alert;
import org.atlasops.detect.alert.AlertWriter;
import org.atlasops.detect.canary.Canary;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.event.EventJson;
import org.atlasops.detect.prompt.PromptPath;
import org.atlasops.detect.scan.EventScanner;
import org.atlasops.detect.sigma.RuleSet;
import org.atlasops.detect.sigma.correlation.CorrelationState;
import org.atlasops.kb.KnowledgeBase;

/**
 * Builds the Kafka Streams topology: JSON events (one per record value) from the input topic, alerts (one JSON line
 * per record, keyed by rule id) to the output topic. Correlation windows live in an in-memory store backed by a
 * changelog topic, so they survive restarts and follow their partition to another instance. Correlations group
 * events per partition: key the input by the entity they group by, or name a field with {@code partitionBy} to have
 * the app repartition.
 */
public final class DetectionStream {
    static final String STORE = "atlas-ops-correlation-windows";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Options of the app.
     *
     * @param suppressRepeats hold back repeated correlation alerts per group and timespan (see EventScanner)
     * @param adapter the vendor shape of the input records (see {@link Adapter}); empty: the events of
     *                docs/telemetry.md. A record not of the shape is reported and skipped like a malformed one
     * @param promptPath the prompt detector on LLM inputs (fast unless the embedding path is chosen, as in a scan)
     */
    public record Options(
            String inputTopic,
            String outputTopic,
            Optional<String> partitionBy,
            Optional<String> timeField,
            AlertWriter.Format format,
            List<Canary> canaries,
            boolean suppressRepeats,
            Optional<Adapter> adapter,
            PromptPath promptPath) {
        /** Options with the fast prompt path. */
        public Options(
                String inputTopic,
                String outputTopic,
                Optional<String> partitionBy,
                Optional<String> timeField,
                AlertWriter.Format format,
                List<Canary> canaries,
                boolean suppressRepeats,
                Optional<Adapter> adapter) {
            this(
                    inputTopic,
                    outputTopic,
                    partitionBy,
                    timeField,
                    format,
                    canaries,
                    suppressRepeats,
                    adapter,
                    PromptPath.FAST);
        }

        /** Options for the native events (no adapter). */
        public Options(
                String inputTopic,
                String outputTopic,
                Optional<String> partitionBy,
                Optional<String> timeField,
                AlertWriter.Format format,
                List<Canary> canaries,
                boolean suppressRepeats) {
            this(inputTopic, outputTopic, partitionBy, timeField, format, canaries, suppressRepeats, Optional.empty());
        }

        public Options {
            Objects.requireNonNull(adapter, "adapter");
            Objects.requireNonNull(promptPath, "promptPath");
            canaries = List.copyOf(canaries);
            Objects.requireNonNull(inputTopic, "inputTopic");
            Objects.requireNonNull(outputTopic, "outputTopic");
            Objects.requireNonNull(partitionBy, "partitionBy");
            Objects.requireNonNull(timeField, "timeField");
            Objects.requireNonNull(format, "format");
        }
    }

    private DetectionStream() {}

    /** Streams settings for exactly-once processing; the caller adds bootstrap servers and its own overrides. */
    public static Properties properties(String applicationId, String bootstrapServers) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return p;
    }

    /**
     * @param badRecord told about each record that is not a JSON object (topic, partition, offset and why); the
     *                  app goes on
     */
    public static Topology topology(RuleSet rules, KnowledgeBase kb, Options options, Consumer<String> badRecord) {
        return topology(rules, kb, options, badRecord, a -> {});
    }

    /**
     * As {@link #topology(RuleSet, KnowledgeBase, Options, Consumer)}, and every alert is also handed to {@code
     * alertTap} (an alert sink) on the stream thread as it is forwarded. The tap is outside Kafka's transaction:
     * after a crash the records since the last commit are processed again and their alerts tapped again, with the
     * same ids.
     */
    public static Topology topology(
            RuleSet rules, KnowledgeBase kb, Options options, Consumer<String> badRecord, Consumer<Alert> alertTap) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.String())
                        .withLoggingEnabled(java.util.Map.of()));
        KStream<String, String> events =
                builder.stream(options.inputTopic(), Consumed.with(Serdes.String(), Serdes.String()));
        if (options.partitionBy().isPresent()) {
            String field = options.partitionBy().get();
            events = events.selectKey((k, v) -> keyOf(v, field, k))
                    .repartition(
                            Repartitioned.with(Serdes.String(), Serdes.String()).withName("by-" + safe(field)));
        }
        events.process(() -> new DetectProcessor(rules, kb, options, badRecord, alertTap), STORE)
                .to(options.outputTopic(), Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static String keyOf(String value, String field, String fallback) {
        try {
            JsonNode n = JSON.readTree(value);
            if (n instanceof ObjectNode o) {
                List<JsonNode> v = Event.of(o).values(field);
                if (!v.isEmpty()) {
                    return v.get(0).asText();
                }
            }
        } catch (java.io.IOException e) {
            // a bad record keeps its key; the processor reports it
        }
        return fallback;
    }

    private static String safe(String field) {
        return field.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Runs the detector on each record, with its correlation windows in the task's state store. */
    static final class DetectProcessor implements Processor<String, String, String, String> {
        private final RuleSet rules;
        private final KnowledgeBase kb;
        private final Options options;
        private final Consumer<String> badRecord;
        private ProcessorContext<String, String> context;
        private EventScanner scanner;
        private final EventJson json = new EventJson();
        private final Adapter.RecordAdapter adapter;
        private final Consumer<Alert> alertTap;

        DetectProcessor(
                RuleSet rules,
                KnowledgeBase kb,
                Options options,
                Consumer<String> badRecord,
                Consumer<Alert> alertTap) {
            this.rules = rules;
            this.kb = kb;
            this.options = options;
            this.badRecord = badRecord;
            this.adapter = options.adapter().map(Adapter::newAdapter).orElse(null);
            this.alertTap = alertTap;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            KeyValueStore<String, String> store = context.getStateStore(STORE);
            CorrelationState state = new CorrelationState() {
                @Override
                public Optional<String> get(String key) {
                    return Optional.ofNullable(store.get(key));
                }

                @Override
                public void put(String key, String value) {
                    store.put(key, value);
                }

                @Override
                public void delete(String key) {
                    store.delete(key);
                }
            };
            this.scanner = new EventScanner(
                    rules,
                    kb,
                    options.timeField(),
                    state,
                    options.canaries(),
                    options.promptPath().bundled());
            if (options.suppressRepeats()) {
                scanner.suppressRepeatedCorrelationAlerts();
            }
        }

        @Override
        public void process(Record<String, String> record) {
            String where = context.recordMetadata()
                    .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                    .orElse("?");
            long offset = context.recordMetadata().map(m -> m.offset()).orElse(-1L);
            String source = context.recordMetadata()
                    .map(m -> m.topic() + "-" + m.partition())
                    .orElse("kafka");
            if (record.value() == null) {
                badRecord.accept(where + ": no value (events are JSON objects); skipped");
                return;
            }
            ObjectNode o;
            try {
                o = json.parseObject(record.value());
            } catch (EventJson.MalformedJson e) {
                badRecord.accept(where + ": " + (e.notAnObject() ? "" : "not JSON: ") + e.getMessage() + "; skipped");
                return;
            }
            List<ObjectNode> events = List.of(o);
            if (adapter != null) {
                try {
                    events = adapter.adapt(o);
                } catch (Adapter.NotThisShape e) {
                    badRecord.accept(where + ": " + e.getMessage() + "; skipped");
                    return;
                }
            }
            for (ObjectNode adapted : events) {
                // offsets are 0-based; "line" in alerts is the offset + 1, like a line number in a file
                Event event = new Event(adapted, source, offset + 1);
                Instant time = scanner.timeOf(event, Instant.ofEpochMilli(record.timestamp()));
                for (Alert a : scanner.scan(event, time)) {
                    context.forward(new Record<>(
                            a.ruleId() == null ? a.ruleTitle() : a.ruleId(),
                            AlertWriter.line(a, options.format()),
                            time.toEpochMilli()));
                    alertTap.accept(a);
                }
            }
        }
    }
}
