package org.atlasops.cli.kb;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import org.atlasops.kb.ObjectType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Object types as users write them: {@code case-study}, {@code sub-technique}, plurals allowed. */
final class ObjectTypes implements ITypeConverter<ObjectType>, Iterable<String> {
    @Override
    public ObjectType convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        String singular = v.endsWith("ies")
                ? v.substring(0, v.length() - 3) + "y"
                : v.endsWith("s") ? v.substring(0, v.length() - 1) : v;
        for (ObjectType t : ObjectType.values()) {
            if (t.label().equals(v) || t.label().equals(singular)) {
                return t;
            }
        }
        throw new TypeConversionException(
                "'" + value + "' is not an object type; use one of " + String.join(", ", this));
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(ObjectType.values()).map(ObjectType::label).iterator();
    }
}
