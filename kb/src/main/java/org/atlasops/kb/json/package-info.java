/** JSON shapes of knowledge-base objects shared by every output (CLI, web API). */
package org.atlasops.kb.json;
