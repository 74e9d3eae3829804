/**
 * Emulation runs checked by detection (docs/adr/008: the join of {@code emulate} and {@code detect} lives here): a
 * run's telemetry fed to detect's {@link org.atlasops.detect.scan.ScanRun}, the alerts joined back to the attempts
 * per technique ({@link org.atlasops.assess.emulation.EmulationVerification}, behind {@code emulate verify}), and the
 * same as coverage evidence ({@link org.atlasops.assess.emulation.EmulationEvidence}, behind {@code assess coverage
 * --emulation}).
 */
package org.atlasops.assess.emulation;
