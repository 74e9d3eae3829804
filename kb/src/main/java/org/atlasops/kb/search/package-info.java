/** Ranked, typo-tolerant full-text search over a release (Lucene, in memory). */
package org.atlasops.kb.search;
