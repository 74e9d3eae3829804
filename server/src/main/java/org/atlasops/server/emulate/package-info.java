/**
 * The emulation runs of the server's data dir as pages and API: the runs, a run's attempts and its verification by
 * detection. The reading, reports and verification are emulate's and assess's; this only finds and renders them.
 */
package org.atlasops.server.emulate;
