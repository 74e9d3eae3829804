/** Makes an incident shareable: placeholders for names, addresses, hosts and secrets, generalised target and actor, a coarser date, internal fields withheld, and a preview of every change. */
package org.atlasops.intel.anonymise;
