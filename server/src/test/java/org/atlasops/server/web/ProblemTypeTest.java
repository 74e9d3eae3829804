package org.atlasops.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.ConflictException;
import org.atlasops.kb.failure.NotFoundException;
import org.atlasops.kb.failure.UnavailableException;
import org.junit.jupiter.api.Test;

/** The catalogue of problem types: documented, stable slugs, and the one mapping of failure kinds. */
class ProblemTypeTest {
    @Test
    void everyTypeIsListedInTheDocsWithItsStatus() throws Exception {
        String docs = Files.readString(Path.of("..", "docs", "web.md"));
        for (ProblemType t : ProblemType.values()) {
            String row = docs.lines()
                    .filter(l -> l.contains("`" + t.uri() + "`"))
                    .findFirst()
                    .orElse("");
            assertThat(row)
                    .as(t + " in docs/web.md")
                    .contains(String.valueOf(t.status()))
                    .contains("id=\"problem-" + t.slug() + "\"");
            assertThat(t.docs()).isEqualTo("docs/web.md#problem-" + t.slug());
        }
    }

    @Test
    void theSlugsUsersAlreadyGetAreKept() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::slug).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "bad-request",
                        "malformed-json",
                        "invalid-layer",
                        "invalid-inventory",
                        "bad-expression",
                        "unauthorized",
                        "forbidden",
                        "csrf",
                        "fetch-refused",
                        "fetch-failed",
                        "not-found",
                        "login-link",
                        "method-not-allowed",
                        "conflict",
                        "too-large",
                        "too-many-sign-ins",
                        "internal",
                        "release-unreadable",
                        "store-unavailable");
    }

    @Test
    void failureKindsMapToOneTypeEach() {
        assertThat(Problem.of(new BadInputException("x")).type()).isEqualTo(ProblemType.BAD_REQUEST);
        assertThat(Problem.of(new NotFoundException("x")).status()).isEqualTo(404);
        assertThat(Problem.of(new ConflictException("x")).status()).isEqualTo(409);
        assertThat(Problem.of(new UnavailableException("x")).type()).isEqualTo(ProblemType.STORE_UNAVAILABLE);
        assertThat(Problem.of(new UnavailableException("x")).status()).isEqualTo(503);
    }

    @Test
    void theBodyHasTheRfc9457Members() {
        Problem.Body b = new Problem(ProblemType.CONFLICT, "layer 1 is at revision 2").body("/api/v1/layers/1");
        assertThat(b)
                .isEqualTo(new Problem.Body(
                        "/problems/conflict", "Conflict", 409, "layer 1 is at revision 2", "/api/v1/layers/1"));
    }
}
