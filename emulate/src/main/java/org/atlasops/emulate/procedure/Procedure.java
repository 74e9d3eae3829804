package org.atlasops.emulate.procedure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.atlasops.emulate.target.TargetKind;
import org.atlasops.kb.AtlasId;

/**
 * One emulation procedure: what an adversary does for one ATLAS technique, as steps a target receives, and how to
 * judge whether it worked. Read from YAML ({@code schema: 1}, see docs/emulate.md).
 *
 * @param id a stable lower-case id, e.g. {@code pi-direct-ignore-previous}
 * @param tactic the ATLAS tactic the technique serves here
 * @param technique the ATLAS technique or sub-technique
 * @param targets the target kinds this procedure runs against (a target needs all the kinds the steps use)
 * @param attempts how many attempts a run makes (each with its own seed and canary)
 * @param source the file it was read from ({@code bundled:NAME} for the library)
 * @param release the ATLAS release the IDs were checked against
 */
public record Procedure(
        String id,
        String name,
        String description,
        AtlasId tactic,
        AtlasId technique,
        Set<TargetKind> targets,
        List<Step> steps,
        JudgeSpec judge,
        List<String> references,
        List<String> tags,
        int attempts,
        String source,
        String release) {
    public static final int SCHEMA = 1;
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,79}");

    public Procedure {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("procedure id " + id + " is not lower-case letters, digits and -");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(tactic, "tactic");
        Objects.requireNonNull(technique, "technique");
        targets = Set.copyOf(targets);
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a procedure has at least one step");
        }
        Objects.requireNonNull(judge, "judge");
        references = List.copyOf(references);
        tags = List.copyOf(tags);
        if (attempts < 1 || attempts > 20) {
            throw new IllegalArgumentException("attempts is 1 to 20");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(release, "release");
    }

    /** The target kinds the steps need, e.g. a plant step needs CONTENT and a chat step CHAT or AGENT. */
    public boolean runsOn(Set<TargetKind> kinds) {
        for (Step s : steps) {
            if (s.kinds().stream().noneMatch(kinds::contains)) {
                return false;
            }
        }
        return targets.stream().anyMatch(kinds::contains);
    }

    /** Why this procedure cannot run on a target with these kinds, if it cannot. */
    public Optional<String> whyNot(Set<TargetKind> kinds) {
        if (runsOn(kinds)) {
            return Optional.empty();
        }
        return Optional.of("needs a target of kind "
                + String.join(
                        " or ", targets.stream().map(TargetKind::label).sorted().toList())
                + " that takes every step; the target is "
                + String.join(
                        ", ", kinds.stream().map(TargetKind::label).sorted().toList()));
    }
}
