/**
 * The TAXII 2.1 endpoints under {@code /taxii2/}: HTTP only (media types, body limits, headers, the error shape);
 * the logic is {@code intel.taxii}'s. docs/taxii.md describes them.
 */
package org.atlasops.server.taxii;
