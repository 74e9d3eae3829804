/** Reads AI Incident Database snapshots at run time (never bundled: CC BY-SA 4.0), keeping the attribution. */
package org.atlasops.intel.aiid;
