package org.atlasops.kb.read;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.atlasops.kb.AtlasDataException;
import org.atlasops.kb.AtlasId;
import org.atlasops.kb.AttackReference;
import org.atlasops.kb.DataIssue;
import org.atlasops.kb.Maturity;
import org.atlasops.kb.ObjectType;
import org.atlasops.kb.Reference;

/** Typed access to the fields of YAML objects, collecting what was odd about them as {@link DataIssue}s. */
final class ReadContext {
    private final String file;
    private final List<DataIssue> issues = new ArrayList<>();
    /** object type → unknown key → where it was first seen and how often. */
    private final Map<String, Map<String, UnknownKey>> unknownKeys = new LinkedHashMap<>();

    private static final class UnknownKey {
        final YNode.Pos firstAt;
        final String firstObject;
        int count;

        UnknownKey(YNode.Pos firstAt, String firstObject) {
            this.firstAt = firstAt;
            this.firstObject = firstObject;
        }
    }

    ReadContext(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void warn(YNode at, String objectId, String message) {
        issues.add(new DataIssue(DataIssue.Severity.WARNING, at.pos().toString(), objectId, message));
    }

    void error(YNode at, String objectId, String message) {
        issues.add(new DataIssue(DataIssue.Severity.ERROR, at.pos().toString(), objectId, message));
    }

    /** All issues, the unknown keys summarised one line per (type, key). */
    List<DataIssue> issues() {
        List<DataIssue> all = new ArrayList<>(issues);
        unknownKeys.forEach((type, keys) -> keys.forEach((key, u) -> all.add(new DataIssue(
                DataIssue.Severity.INFO,
                u.firstAt.toString(),
                u.firstObject,
                "unknown key '" + key + "' ignored on " + u.count + " " + (u.count == 1 ? type : plural(type))
                        + " (this reader does not use it)"))));
        return all;
    }

    private static String plural(String noun) {
        if (noun.endsWith("y")) {
            return noun.substring(0, noun.length() - 1) + "ies";
        }
        return noun.endsWith("x") ? noun.substring(0, noun.length() - 1) + "ces" : noun + "s";
    }

    /** Fails hard: used for structure without which nothing can be read. */
    AtlasDataException fatal(YNode at, String message) {
        return new AtlasDataException(at.pos() + ": " + message);
    }

    YNode.YMap requireMap(YNode node, String what) {
        if (node instanceof YNode.YMap map) {
            return map;
        }
        throw fatal(node, what + " must be a map, found " + node.kind());
    }

    /** The items of a list field; a missing field is an empty list, any other shape an error issue. */
    List<YNode> list(YNode.YMap map, String key, String objectId) {
        Optional<YNode> node = map.get(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (node.get() instanceof YNode.YList list) {
            return list.items();
        }
        error(
                node.get(),
                objectId,
                "field '" + key + "' must be a list, found " + node.get().kind() + "; ignored");
        return List.of();
    }

    /** A map-valued field keyed by ID (format 6.0); missing is empty. */
    Map<String, YNode> idMap(YNode.YMap map, String key) {
        Optional<YNode> node = map.get(key);
        if (node.isEmpty()) {
            return Map.of();
        }
        return requireMap(node.get(), "'" + key + "'").entries();
    }

    Optional<String> text(YNode.YMap map, String key, String objectId) {
        Optional<YNode> node = map.get(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YNode.YScalar s) {
            return Optional.of(s.value());
        }
        error(
                node.get(),
                objectId,
                "field '" + key + "' must be text, found " + node.get().kind() + "; ignored");
        return Optional.empty();
    }

    /** The {@code maturity} field, in any case; another value is an error issue. */
    Optional<Maturity> maturity(YNode.YMap map, String objectId) {
        Optional<String> text = text(map, "maturity", objectId);
        Optional<Maturity> maturity = text.flatMap(Maturity::parse);
        if (text.isPresent() && maturity.isEmpty()) {
            error(
                    map.get("maturity").orElseThrow(),
                    objectId,
                    "maturity must be feasible, demonstrated or " + "realized, found '" + text.get() + "'; ignored");
        }
        return maturity;
    }

    /** A yes/no field: {@code true}/{@code false} (YAML 1.2 core schema); missing is false. */
    boolean flag(YNode.YMap map, String key, String objectId) {
        Optional<String> value = text(map, key, objectId).map(v -> v.strip().toLowerCase(java.util.Locale.ROOT));
        if (value.isEmpty() || value.get().equals("false")) {
            return false;
        }
        if (value.get().equals("true")) {
            return true;
        }
        error(
                map.get(key).orElseThrow(),
                objectId,
                "field '" + key + "' must be true or false, found '" + value.get() + "'; false assumed");
        return false;
    }

    List<String> strings(YNode.YMap map, String key, String objectId) {
        List<String> out = new ArrayList<>();
        for (YNode item : list(map, key, objectId)) {
            if (item instanceof YNode.YScalar s && s.value() != null) {
                out.add(s.value().strip());
            } else {
                error(item, objectId, "items of '" + key + "' must be text, found " + item.kind() + "; ignored");
            }
        }
        return out;
    }

    /**
     * A text that names an ATLAS object of this kind (a sub-technique counts as a technique), read by
     * {@link AtlasId}; another text, or the ID of another kind (a technique under {@code tactics:}), is an error
     * issue and empty.
     */
    Optional<AtlasId> id(YNode at, String text, String objectId, ObjectType what) {
        Optional<AtlasId> id = AtlasId.tryParse(text);
        if (id.isEmpty()) {
            error(
                    at,
                    objectId,
                    "'" + text + "' is not a " + what.label() + " ID (like " + what.example() + "); ignored");
            return id;
        }
        ObjectType named = id.get().type();
        if (what.isTechnique() ? !named.isTechnique() : named != what) {
            error(
                    at,
                    objectId,
                    "'" + text + "' is a " + named.label() + " ID where a " + what.label() + " ID (like "
                            + what.example() + ") belongs; ignored");
            return Optional.empty();
        }
        return id;
    }

    /** A text field naming an ATLAS object; missing is empty, another text an error issue. */
    Optional<AtlasId> idField(YNode.YMap map, String key, String objectId, ObjectType what) {
        return text(map, key, objectId).flatMap(t -> id(map.get(key).orElseThrow(), t, objectId, what));
    }

    /** A list of IDs of ATLAS objects; an item that is no ID is an error issue and left out. */
    List<AtlasId> ids(YNode.YMap map, String key, String objectId, ObjectType what) {
        List<AtlasId> out = new ArrayList<>();
        for (YNode item : list(map, key, objectId)) {
            if (item instanceof YNode.YScalar s && s.value() != null) {
                id(item, s.value(), objectId, what).ifPresent(out::add);
            } else {
                error(item, objectId, "items of '" + key + "' must be text, found " + item.kind() + "; ignored");
            }
        }
        return out;
    }

    Optional<LocalDate> date(YNode.YMap map, String key, String objectId) {
        return text(map, key, objectId).flatMap(t -> parseDate(map.get(key).orElseThrow(), t, objectId, key));
    }

    /** The created and modified dates under these keys; a modified date before the created one is reported. */
    record Dates(Optional<LocalDate> created, Optional<LocalDate> modified) {}

    Dates dates(YNode.YMap map, String createdKey, String modifiedKey, String objectId) {
        Optional<LocalDate> created = date(map, createdKey, objectId);
        Optional<LocalDate> modified = date(map, modifiedKey, objectId);
        if (created.isPresent() && modified.isPresent() && modified.get().isBefore(created.get())) {
            warn(
                    map.get(modifiedKey).orElseThrow(),
                    objectId,
                    "'" + modifiedKey + "' " + modified.get()
                            + " is before '" + createdKey + "' " + created.get() + "; kept as is (STIX export uses the "
                            + "created date for both)");
        }
        return new Dates(created, modified);
    }

    Optional<LocalDate> parseDate(YNode at, String text, String objectId, String key) {
        String t = text.strip();
        // YAML timestamps may carry a time; ATLAS only ever means the day.
        String day = t.length() > 10 && t.charAt(10) == 'T' || t.length() > 10 && t.charAt(10) == ' '
                ? t.substring(0, 10)
                : t;
        try {
            return Optional.of(LocalDate.parse(day));
        } catch (DateTimeParseException e) {
            error(at, objectId, "field '" + key + "' must be a date YYYY-MM-DD, found '" + t + "'; ignored");
            return Optional.empty();
        }
    }

    Optional<AttackReference> attackReference(YNode.YMap map, String key, String objectId) {
        Optional<YNode> node = map.get(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YNode.YMap ref) {
            Optional<String> id = text(ref, "id", objectId);
            if (id.isPresent()) {
                return Optional.of(new AttackReference(
                        id.get().strip(), text(ref, "url", objectId).orElse("")));
            }
        }
        error(node.get(), objectId, "field '" + key + "' must be a map with 'id' and 'url'; ignored");
        return Optional.empty();
    }

    List<Reference> references(YNode.YMap map, String key, String objectId) {
        List<Reference> out = new ArrayList<>();
        for (YNode item : list(map, key, objectId)) {
            if (item instanceof YNode.YMap ref) {
                out.add(new Reference(
                        text(ref, "title", objectId).orElse(""),
                        text(ref, "url", objectId).orElse("")));
            } else {
                error(item, objectId, "items of '" + key + "' must be maps with 'title' and 'url'; ignored");
            }
        }
        return out;
    }

    /** Records the keys of an object that this reader does not know. */
    void checkKeys(YNode.YMap map, String objectType, String objectId, Set<String> known) {
        for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                unknownKeys
                        .computeIfAbsent(objectType, k -> new LinkedHashMap<>())
                        .computeIfAbsent(
                                e.getKey(), k -> new UnknownKey(e.getValue().pos(), objectId))
                        .count++;
            }
        }
    }

    static Set<String> keys(String... keys) {
        return new TreeSet<>(List.of(keys));
    }
}
