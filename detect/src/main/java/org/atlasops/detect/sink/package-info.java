/**
 * Alert sinks: alerts sent to the tools a SOC runs (Splunk's HTTP event collector, the Elasticsearch/OpenSearch
 * bulk API, syslog RFC 5424 over TCP or UDP, a Kafka topic) through a bounded buffer with batching, retries with
 * backoff, and a stated policy for alerts that cannot be delivered ({@link org.atlasops.detect.sink.AlertSender}).
 */
package org.atlasops.detect.sink;
