/**
 * Canary tokens: random markers placed in a system prompt or a document, found again in model output even when
 * the model re-encodes them (base64, hex, reversed, spaced out, case-changed, split across lines), also in output
 * streamed in chunks. A hit means the prompt or the document leaked (AML.T0056, AML.T0057).
 */
package org.atlasops.detect.canary;
