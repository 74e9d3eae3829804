/**
 * Everything that looks at one event, composed once for the CLI scan, the stream app and later the server: the
 * Sigma detector, the tool-poisoning check on {@code tools/list} answers and the canary search in model output and
 * MCP traffic, all giving the same {@link org.atlasops.detect.alert.Alert}s.
 */
package org.atlasops.detect.scan;
