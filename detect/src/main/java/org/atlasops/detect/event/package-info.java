/**
 * Telemetry events: JSON objects read from JSON lines (optionally gzip), each remembering its file and line, with
 * fields addressed by dotted path ({@code gen_ai.request.model}) whether the JSON nests them or spells the dots in
 * its keys, and arrays searched element by element.
 */
package org.atlasops.detect.event;
