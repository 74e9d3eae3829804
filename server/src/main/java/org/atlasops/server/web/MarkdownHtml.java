package org.atlasops.server.web;

import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown from ATLAS data to HTML that is safe to put in a page: raw HTML in the data is shown as text, never
 * interpreted, and link targets other than http(s), mailto and site-relative paths are dropped.
 */
public final class MarkdownHtml {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if ("a".equals(tag) && attributes.getOrDefault("href", "").startsWith("http")) {
                    attributes.put("rel", "noopener noreferrer");
                }
            })
            .build();

    private MarkdownHtml() {
    }

    public static String render(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        Node doc = PARSER.parse(markdown);
        return RENDERER.render(doc);
    }
}
