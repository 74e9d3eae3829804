/** The intel API and pages: the incident register, anonymised sharing, and the AI risk search. */
package org.atlasops.server.intel;
