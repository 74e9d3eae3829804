/**
 * The read model: {@link org.atlasops.kb.details.Details} answers "everything about this object" with
 * {@link org.atlasops.kb.details.ObjectDetails} records, which every output (CLI text and JSON, web page, REST API)
 * renders. {@link org.atlasops.kb.json.ObjectJson#details} is their one JSON mapping.
 */
package org.atlasops.kb.details;
