/** One AI risk database: a faceted Lucene index over ATLAS case studies, AVID, AIID and the team's incidents, open to more sources. */
package org.atlasops.intel.search;
