/** Reads the AI Vulnerability Database (bundled snapshot or a clone), every data version, reporting its flaws instead of failing. */
package org.atlasops.intel.avid;
