/** What changed between two releases, object by object, keyed on ATLAS IDs. */
package org.atlasops.kb.diff;
