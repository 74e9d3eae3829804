/**
 * Everything that looks at events, composed once for the CLI scan, the stream app and later the server:
 * {@link org.atlasops.detect.scan.EventScanner} runs the Sigma detector, the tool-poisoning check on
 * {@code tools/list} answers, the prompt-attack detector and the canary search over one event, all giving the same
 * {@link org.atlasops.detect.alert.Alert}s; {@link org.atlasops.detect.scan.ScanRun} runs it over files or stdin,
 * with a summary, progress and a clean stop.
 */
package org.atlasops.detect.scan;
