package org.atlasops.intel.taxii;

/** A request the TAXII service refuses; the server answers it with its {@link TaxiiError}. */
public final class TaxiiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient TaxiiError error;

    public TaxiiException(TaxiiError error) {
        super(error.description());
        this.error = error;
    }

    public TaxiiError error() {
        return error;
    }

    public static TaxiiException badRequest(String description) {
        return new TaxiiException(new TaxiiError(400, "Bad request", description));
    }

    public static TaxiiException unauthorized(String description) {
        return new TaxiiException(new TaxiiError(401, "Authentication required", description));
    }

    public static TaxiiException forbidden(String description) {
        return new TaxiiException(new TaxiiError(403, "Forbidden", description));
    }

    public static TaxiiException notFound(String description) {
        return new TaxiiException(new TaxiiError(404, "Not found", description));
    }

    public static TaxiiException notAcceptable(String description) {
        return new TaxiiException(new TaxiiError(406, "Not acceptable", description));
    }

    public static TaxiiException tooLarge(String description) {
        return new TaxiiException(new TaxiiError(413, "Request too large", description));
    }

    public static TaxiiException unsupportedMediaType(String description) {
        return new TaxiiException(new TaxiiError(415, "Unsupported media type", description));
    }
}
