/**
 * The prompt-attack detector: classifies a text as injection, jailbreak or benign with a score, from a linear model
 * over hashed word and character n-grams plus cheap signals (invisible Unicode, chat-template tokens, Markdown image
 * exfiltration, encoded payloads, adversarial suffixes), trained by this project's own code on committed data.
 */
package org.atlasops.detect.prompt;
