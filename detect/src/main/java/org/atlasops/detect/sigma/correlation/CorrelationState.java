package org.atlasops.detect.sigma.correlation;

import java.util.Optional;

/**
 * Where correlation windows live when they must outlast the process: a key-value store of serialized windows (the
 * Kafka Streams app backs it with a changelogged state store). Keys name the correlation and the group.
 */
public interface CorrelationState {
    Optional<String> get(String key);

    void put(String key, String value);

    void delete(String key);
}
