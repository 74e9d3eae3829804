/**
 * The detector as a Kafka Streams application: events topic in, alerts topic out, correlation windows in a
 * changelogged state store, exactly-once processing, scaling by partitions.
 */
package org.atlasops.detect.stream;
