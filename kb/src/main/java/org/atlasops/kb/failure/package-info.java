/**
 * The kinds of failure every module reports: {@link org.atlasops.kb.failure.BadInputException},
 * {@link org.atlasops.kb.failure.NotFoundException}, {@link org.atlasops.kb.failure.ConflictException} and
 * {@link org.atlasops.kb.failure.UnavailableException}, all a {@link org.atlasops.kb.failure.Failure}. A module's own
 * exception extends the kind it is, so the CLI maps kinds to exit codes in one place and the server to problem
 * types in one place. Anything else that escapes is an internal error (a bug).
 */
package org.atlasops.kb.failure;
