/**
 * Carrying a layer from one ATLAS release to another: renamed tactic shortnames, techniques whose tactics changed,
 * removed techniques with a successor. Every change is reported and every annotation that cannot be carried is
 * returned, never dropped silently.
 */
package org.atlasops.navigator.upgrade;
