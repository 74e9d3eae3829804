/**
 * TAXII 2.1 without a web framework: the server's logic ({@link org.atlasops.intel.taxii.TaxiiService}: API roots,
 * collections, envelopes with stateless tie-safe paging, filters, manifests, versions, status resources, deletion,
 * permissions) over ATLAS releases ({@link org.atlasops.intel.taxii.AtlasContent}) and team collections kept by a
 * {@link org.atlasops.intel.taxii.TaxiiRepository}; and the client ({@link org.atlasops.intel.taxii.TaxiiClient}).
 * docs/taxii.md describes both.
 */
package org.atlasops.intel.taxii;
