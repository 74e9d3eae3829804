package org.atlasops.assess.inventory;

/** Content from outside that the model reads (indirect prompt injection's carriers). */
public enum UntrustedContent {
    WEB("web"),
    EMAIL("email"),
    DOCUMENTS("documents"),
    TOOL_OUTPUT("tool-output");

    private final String key;

    UntrustedContent(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
