/**
 * The prompt-attack detector: classifies a text as injection, jailbreak or benign with a score and ATLAS techniques.
 * Hand-written attack cues ({@code AttackCues}: overrides in 12 languages, extraction, personas, smuggling tricks)
 * are joined with a softmax model over hashed word and character n-grams, trained reproducibly by this project's own
 * {@code PromptTrainer} on committed data. See docs/detection-accuracy.md.
 */
package org.atlasops.detect.prompt;
