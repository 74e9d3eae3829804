/**
 * Compilation: turns a rule's {@code detection} section into the predicates of {@code detect.sigma.match}. {@link
 * org.atlasops.detect.sigma.compile.DetectionCompiler} applies every value modifier and the pipeline's field mappings
 * once and feeds plain values into the field automata; {@code ConditionParser} binds the condition to the search
 * identifiers; {@link org.atlasops.detect.sigma.compile.Prerequisites} works out what an event must have for a rule
 * to be able to match. Problems are {@link org.atlasops.detect.sigma.SigmaException}s naming the file and line. Only
 * the loading code in {@code detect.sigma} calls it.
 */
package org.atlasops.detect.sigma.compile;
