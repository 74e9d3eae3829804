package org.atlasops.assess.inventory;

import java.util.List;
import org.atlasops.kb.failure.BadInputException;

/** An inventory that cannot be used; the message is its first problem, {@link #problems()} all of them. */
public final class InventoryException extends BadInputException {
    private static final long serialVersionUID = 1L;

    private final transient List<InventoryProblem> problems;

    public InventoryException(List<InventoryProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<InventoryProblem> problems() {
        return problems;
    }

    private static String message(List<InventoryProblem> problems) {
        if (problems.isEmpty()) {
            return "the inventory has problems";
        }
        String more = problems.size() == 1
                ? ""
                : " (and " + (problems.size() - 1) + " more; 'atlas-ops assess inventory validate' lists them)";
        return problems.get(0) + more;
    }
}
