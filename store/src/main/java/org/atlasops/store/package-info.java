/**
 * Team data of the web app — users and their credentials, Navigator layers with their full history, the audit log —
 * kept in H2 (embedded, the default) or PostgreSQL, with the same Flyway migrations for both. Every write is one
 * transaction, committed before the call returns: what a caller was told is saved survives a crash.
 */
package org.atlasops.store;
