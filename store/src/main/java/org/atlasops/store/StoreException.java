package org.atlasops.store;

/** A request the store cannot carry out; {@link Kind} tells the caller which answer to give (404, 409, 400). */
public final class StoreException extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT, INVALID, UNAVAILABLE }

    private final Kind kind;

    public StoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
        this.kind = Kind.UNAVAILABLE;
    }

    public Kind kind() {
        return kind;
    }
}
