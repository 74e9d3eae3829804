/** Terminal output: width, styling, tables and ATLAS Markdown rendered as plain text. */
package org.atlasops.cli.terminal;
