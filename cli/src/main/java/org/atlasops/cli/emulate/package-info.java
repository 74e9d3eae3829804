/**
 * {@code atlas-ops emulate}: list and show procedures, run them against a target, report, import other tools' results,
 * and verify a run with detection (the join of ADR 008, at the edge). See docs/emulate.md.
 */
package org.atlasops.cli.emulate;
