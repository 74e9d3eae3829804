package org.atlasops.detect.sigma.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.atlasops.detect.sigma.accel.Prerequisite;
import org.atlasops.detect.sigma.match.Condition;
import org.atlasops.detect.sigma.match.EventPredicate;
import org.atlasops.detect.sigma.match.RegexMatch;
import org.atlasops.detect.sigma.match.ValuePredicate;

/**
 * Works out a compiled rule's {@link Prerequisite} from its condition and predicates: what an event must have for
 * the rule to be able to match. Follows the condition's shape; never stricter than the rule.
 */
public final class Prerequisites {
    private Prerequisites() {}

    /** The prerequisite of a detection; empty when there is none worth checking. */
    public static Optional<Prerequisite> of(Condition c, Map<String, EventPredicate> ids) {
        Prerequisite p = ofCondition(c, ids);
        return p == Prerequisite.ANY ? Optional.empty() : Optional.of(p);
    }

    private static Prerequisite ofCondition(Condition c, Map<String, EventPredicate> ids) {
        if (c instanceof Condition.Ref r) {
            return of(r.test());
        }
        if (c instanceof Condition.And a) {
            return Prerequisite.all(
                    a.parts().stream().map(p -> ofCondition(p, ids)).toList());
        }
        if (c instanceof Condition.Or o) {
            return Prerequisite.any(
                    o.parts().stream().map(p -> ofCondition(p, ids)).toList());
        }
        if (c instanceof Condition.Of q) {
            List<Prerequisite> parts = q.tests().stream().map(Prerequisites::of).toList();
            return q.atLeast() == 0 ? Prerequisite.all(parts) : Prerequisite.any(parts);
        }
        // a negation holds only when the event has some field the negated part reads (see Condition.Not)
        Condition.Not n = (Condition.Not) c;
        return n.reads()
                .map(paths -> Prerequisite.any(paths.stream()
                        .map(p -> Prerequisite.hasField(p.toString()))
                        .toList()))
                .orElse(Prerequisite.ANY);
    }

    private static Prerequisite of(EventPredicate t) {
        if (t instanceof EventPredicate.FieldValues f) {
            if (f.negate()) {
                return Prerequisite.ANY;
            }
            List<Prerequisite> literals =
                    f.tests().stream().map(v -> literal(f, v)).toList();
            Prerequisite literal = f.all() ? Prerequisite.all(literals) : Prerequisite.any(literals);
            // a literal found in the field's values implies the field is there
            return literal != Prerequisite.ANY ? literal : Prerequisite.hasField(f.field());
        }
        if (t instanceof EventPredicate.Keywords k) {
            List<Prerequisite> parts = new ArrayList<>();
            for (int id : k.literalIds()) {
                parts.add(id < 0 ? Prerequisite.ANY : Prerequisite.hasLiteral(Optional.empty(), new int[] {id}));
            }
            return k.all() ? Prerequisite.all(parts) : Prerequisite.any(parts);
        }
        if (t instanceof EventPredicate.AllOf a) {
            return Prerequisite.all(a.tests().stream().map(Prerequisites::of).toList());
        }
        if (t instanceof EventPredicate.AnyOf a) {
            return Prerequisite.any(a.tests().stream().map(Prerequisites::of).toList());
        }
        if (t instanceof EventPredicate.FieldRef r) {
            // a comparison with another field needs both: a missing other field compares with nothing
            return r.negate()
                    ? Prerequisite.ANY
                    : Prerequisite.all(List.of(
                            Prerequisite.hasField(r.field()),
                            Prerequisite.any(r.others().stream()
                                    .map(Prerequisite::hasField)
                                    .toList())));
        }
        // null tests and existence need their field unless negated (or testing absence)
        if (t instanceof EventPredicate.IsNull n) {
            return n.negate() ? Prerequisite.hasField(n.field()) : Prerequisite.ANY;
        }
        EventPredicate.Exists x = (EventPredicate.Exists) t;
        return x.expected() ? Prerequisite.hasField(x.field()) : Prerequisite.ANY;
    }

    private static Prerequisite literal(EventPredicate.FieldValues f, ValuePredicate v) {
        if (v instanceof RegexMatch re && re.literalIds().isPresent()) {
            return Prerequisite.hasLiteral(
                    Optional.of(f.path()), re.literalIds().get());
        }
        if (v instanceof ValuePredicate.TextMatch t && t.literalId() >= 0) {
            return Prerequisite.hasValueLiteral(f.path(), new int[] {t.literalId()});
        }
        if (v instanceof ValuePredicate.AnyText t && t.literalIds().length > 0) {
            return Prerequisite.hasValueLiteral(f.path(), t.literalIds());
        }
        return Prerequisite.ANY;
    }
}
