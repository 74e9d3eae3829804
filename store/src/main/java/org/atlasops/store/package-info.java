/**
 * Team data of the web app — users and their credentials, Navigator layers with their full history, the audit log —
 * kept in H2 (embedded, the default) or PostgreSQL, with the same Flyway migrations for both. Every write is one
 * transaction, committed before the call returns: what a caller was told is saved survives a crash. Writes that
 * belong together — a change and the audit row that records it — go through one {@link
 * org.atlasops.store.Database#transaction}, so they are kept or lost together.
 */
package org.atlasops.store;
