/** STIX 2.1 export and import in the ATT&amp;CK data model, with the official ATLAS object IDs. */
package org.atlasops.kb.stix;
