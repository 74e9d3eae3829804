/** Reference checks across the objects of a release, each a named rule. */
package org.atlasops.kb.validate;
