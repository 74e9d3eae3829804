package org.atlasops.cli.kb;

/** Output formats; each command accepts the ones that make sense for it and says so in --help. */
enum OutputFormat {
    TEXT,
    JSON,
    CSV,
    MD
}
