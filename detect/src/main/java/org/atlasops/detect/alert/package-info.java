/**
 * Alerts: what a rule or correlation match becomes for people and other tools, with ATLAS techniques and tactics
 * (IDs and names) and the ATLAS release, written as JSON lines in our own shape, OCSF Detection Finding or ECS.
 */
package org.atlasops.detect.alert;
