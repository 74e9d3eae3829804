/** The ATLAS model: an immutable {@link org.atlasops.kb.KnowledgeBase} of tactics, techniques, mitigations and case studies, the vocabulary every atlas-ops module speaks. */
package org.atlasops.kb;
