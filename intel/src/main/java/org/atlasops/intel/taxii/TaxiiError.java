package org.atlasops.intel.taxii;

import java.util.Objects;
import java.util.Optional;

/**
 * The error resource of TAXII 2.1: a title, a description written for the user (what was wrong, where, how to fix it),
 * the HTTP status, and optionally an error code of ours.
 */
public record TaxiiError(int httpStatus, String title, String description, Optional<String> errorCode) {
    public TaxiiError {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("not an error status: " + httpStatus);
        }
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        errorCode = errorCode == null ? Optional.empty() : errorCode;
    }

    public TaxiiError(int httpStatus, String title, String description) {
        this(httpStatus, title, description, Optional.empty());
    }
}
