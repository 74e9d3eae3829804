package org.atlasops.intel.taxii;

import java.util.Locale;

/** The media types of TAXII 2.1 and STIX 2.1, and how headers that name them are judged. */
public final class TaxiiMedia {
    /** What every TAXII answer is, and what a POST must send. */
    public static final String TAXII = "application/taxii+json;version=2.1";
    /** The media type of STIX 2.1 objects, as manifests and collections name it. */
    public static final String STIX = "application/stix+json;version=2.1";

    private TaxiiMedia() {}

    /**
     * True when an {@code Accept} header admits TAXII 2.1: absent, a wildcard, or {@code application/taxii+json} with
     * version 2.1 or no version. Any entry of a list that admits it is enough.
     */
    public static boolean acceptable(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String entry : accept.split(",")) {
            String type = mainType(entry);
            if (type.equals("*/*") || type.equals("application/*")) {
                return true;
            }
            if (type.equals("application/taxii+json") && versionOk(entry)) {
                return true;
            }
        }
        return false;
    }

    /** True when a request's {@code Content-Type} is TAXII 2.1 ({@code application/taxii+json}, version 2.1 or none). */
    public static boolean isTaxii(String contentType) {
        return contentType != null && mainType(contentType).equals("application/taxii+json") && versionOk(contentType);
    }

    private static String mainType(String entry) {
        return entry.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    private static boolean versionOk(String entry) {
        String[] parts = entry.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("version")) {
                String v = p.substring("version".length()).strip();
                return v.startsWith("=")
                        && v.substring(1).strip().replace("\"", "").equals("2.1");
            }
        }
        return true;
    }
}
