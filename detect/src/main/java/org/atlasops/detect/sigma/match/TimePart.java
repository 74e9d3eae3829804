package org.atlasops.detect.sigma.match;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Optional;
import org.atlasops.detect.event.Event;
import org.atlasops.detect.sigma.accel.EvaluationContext;

/**
 * {@code |minute} … {@code |year}: a part of a date value (UTC) compared by the inner predicate; {@code week} is
 * the ISO week of the week-based year. Values that are not times never match.
 */
public record TimePart(ChronoField part, boolean week, ValuePredicate inner) implements ValuePredicate {
    @Override
    public boolean test(JsonNode v, EvaluationContext e) {
        Optional<Instant> t = Event.parseTime(v);
        if (t.isEmpty()) {
            return false;
        }
        ZonedDateTime z = t.get().atZone(ZoneOffset.UTC);
        int n = week ? z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) : z.get(part);
        return inner.test(IntNode.valueOf(n), e);
    }
}
