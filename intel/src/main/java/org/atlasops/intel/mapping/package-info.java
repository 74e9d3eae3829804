/** The shipped table that suggests ATLAS techniques for records that carry none; every suggestion is marked inferred with its reason. */
package org.atlasops.intel.mapping;
