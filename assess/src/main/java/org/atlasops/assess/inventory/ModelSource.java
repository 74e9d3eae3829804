package org.atlasops.assess.inventory;

/** Where the model comes from. */
public enum ModelSource {
    /** A hosted model of a provider, used through its API. */
    THIRD_PARTY("third-party"),
    /** Downloaded weights (a model hub, a vendor's release). */
    OPEN_WEIGHT("open-weight"),
    /** Trained by the team. */
    OWN("own");

    private final String key;

    ModelSource(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
