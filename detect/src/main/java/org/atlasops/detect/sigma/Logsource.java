package org.atlasops.detect.sigma;

import java.util.Objects;
import java.util.Optional;

/** A rule's {@code logsource}: category, product, service (each optional, lower case by convention). */
public record Logsource(Optional<String> category, Optional<String> product, Optional<String> service) {
    public static final Logsource ANY = new Logsource(Optional.empty(), Optional.empty(), Optional.empty());

    public Logsource {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(service, "service");
    }

    /** True when every part this one sets is set the same in {@code other} (a filter's logsource covers a rule's). */
    public boolean covers(Logsource other) {
        return category.map(c -> other.category.filter(c::equalsIgnoreCase).isPresent())
                        .orElse(true)
                && product.map(p -> other.product.filter(p::equalsIgnoreCase).isPresent())
                        .orElse(true)
                && service.map(s -> other.service.filter(s::equalsIgnoreCase).isPresent())
                        .orElse(true);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        category.ifPresent(c -> sb.append("category: ").append(c));
        product.ifPresent(
                p -> sb.append(sb.length() > 0 ? ", " : "").append("product: ").append(p));
        service.ifPresent(
                s -> sb.append(sb.length() > 0 ? ", " : "").append("service: ").append(s));
        return sb.length() == 0 ? "any" : sb.toString();
    }
}
