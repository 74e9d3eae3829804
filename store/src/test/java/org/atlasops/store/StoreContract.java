package org.atlasops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.kb.failure.ConflictException;
import org.atlasops.kb.failure.NotFoundException;
import org.atlasops.kb.failure.UnavailableException;
import org.atlasops.navigator.Layer;
import org.atlasops.navigator.TechniqueAnnotation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every database must show; run against H2 ({@link H2StoreTest}) and PostgreSQL ({@link PostgresStoreIT}). */
abstract class StoreContract {
    protected Database db;

    /** A fresh, empty database for each test. */
    protected abstract Database openEmpty() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = openEmpty();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void usersAreCreatedOnceAndFoundByName() {
        User alice = db.users().create("alice", Role.ANALYST);
        assertThat(db.users().find("alice")).contains(alice);
        assertThat(db.users().count()).isEqualTo(1);
        assertThatThrownBy(() -> db.users().create("alice", Role.VIEWER)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> db.users().create("bad name; DROP TABLE users", Role.VIEWER))
                .hasMessageContaining("not allowed");
        assertThat(db.users().setRole("alice", Role.ADMIN).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void passwordsAreCheckedAgainstASaltedHash() {
        db.users().create("bob", Role.VIEWER);
        assertThat(db.users().checkPassword("bob", "anything")).isEmpty();
        db.users().setPassword("bob", "correct horse battery");
        assertThat(db.users().checkPassword("bob", "correct horse battery"))
                .map(User::name)
                .contains("bob");
        assertThat(db.users().checkPassword("bob", "correct horse batterY")).isEmpty();
        assertThat(db.users().checkPassword("nobody", "correct horse battery")).isEmpty();
        assertThatThrownBy(() -> db.users().setPassword("bob", "short")).hasMessageContaining("at least 12");
    }

    @Test
    void credentialsAreStoredHashedAndExpire() {
        User u = db.users().create("carol", Role.ANALYST);
        Credential.Issued token = db.users().issue(u, Credential.Kind.API_TOKEN, "ci", Optional.empty());
        assertThat(db.users().authenticate(Credential.Kind.API_TOKEN, token.secret()))
                .map(c -> c.user().name())
                .contains("carol");
        assertThat(db.users().authenticate(Credential.Kind.SESSION, token.secret()))
                .isEmpty();
        assertThat(db.users().authenticate(Credential.Kind.API_TOKEN, token.secret() + "x"))
                .isEmpty();

        Credential.Issued link =
                db.users().issue(u, Credential.Kind.LOGIN_LINK, null, Optional.of(Duration.ofHours(1)));
        assertThat(db.users().authenticate(Credential.Kind.LOGIN_LINK, link.secret()))
                .isPresent();
        assertThat(db.users().authenticate(Credential.Kind.LOGIN_LINK, link.secret()))
                .as("used once")
                .isEmpty();

        Credential.Issued expired =
                db.users().issue(u, Credential.Kind.SESSION, null, Optional.of(Duration.ofMillis(-1)));
        assertThat(db.users().authenticate(Credential.Kind.SESSION, expired.secret()))
                .isEmpty();

        Credential.Issued session =
                db.users().issue(u, Credential.Kind.SESSION, null, Optional.of(Duration.ofHours(8)));
        assertThat(session.credential().csrfToken()).isPresent();
        assertThat(db.users().tokensOf(u))
                .extracting(Credential::id)
                .containsExactly(token.credential().id());
        assertThat(db.users().revoke(u, token.credential().id())).isTrue();
        assertThat(db.users().authenticate(Credential.Kind.API_TOKEN, token.secret()))
                .isEmpty();
    }

    @Test
    void layersKeepEveryRevisionAndUndoAddsOne() {
        User u = db.users().create("dave", Role.ANALYST);
        StoredLayer created = db.layers().create(u, Layer.empty("coverage", "5.6.0"));
        assertThat(created.revision()).isEqualTo(1);
        assertThat(created.owner()).isEqualTo("dave");

        Layer scored = created.layer().withTechniques(List.of(scored("AML.T0051", 3)));
        StoredLayer second = db.layers().save(created.id(), scored, Optional.of(1), u, "scored T0051");
        assertThat(second.revision()).isEqualTo(2);
        assertThat(second.layer().techniques()).hasSize(1);

        assertThatThrownBy(() -> db.layers().save(created.id(), scored, Optional.of(1), u, "stale"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("revision 2");

        StoredLayer undone = db.layers().undo(created.id(), u);
        assertThat(undone.revision()).isEqualTo(3);
        assertThat(undone.layer().techniques()).isEmpty();
        assertThat(db.layers().history(created.id()))
                .extracting(LayerRevision::summary)
                .containsExactly("undo: back to revision 1", "scored T0051", "created");
        assertThat(db.layers().revision(created.id(), 2).techniques()).hasSize(1);
        assertThat(db.layers().list(0, 10)).extracting(ListedLayer::id).containsExactly(created.id());
        StoredLayer newer = db.layers().create(u, Layer.empty("newer", "5.6.0"));
        assertThat(db.layers().count()).isEqualTo(2);
        assertThat(db.layers().list(0, 1))
                .as("a page, newest first")
                .extracting(ListedLayer::id)
                .containsExactly(newer.id());
        assertThat(db.layers().list(1, 5)).extracting(ListedLayer::id).containsExactly(created.id());
        assertThat(db.layers().list(2, 5)).isEmpty();
        db.layers().delete(newer.id());

        db.layers().delete(created.id());
        assertThat(db.layers().find(created.id())).isEmpty();
        assertThatThrownBy(() -> db.layers().history(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void largeLayersAreKeptWhole() {
        User u = db.users().create("erin", Role.ANALYST);
        List<TechniqueAnnotation> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(scored("AML.T%04d".formatted(i), i).withComment("x".repeat(200)));
        }
        StoredLayer s = db.layers().create(u, Layer.empty("big", "5.6.0").withTechniques(many));
        assertThat(db.layers().get(s.id()).layer().techniques()).hasSize(3000);
    }

    @Test
    void concurrentSavesBasedOnTheSameRevisionLetExactlyOneWin() throws Exception {
        User u = db.users().create("frank", Role.ANALYST);
        StoredLayer s = db.layers().create(u, Layer.empty("race", "5.6.0"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            results.add(pool.submit(() -> {
                try {
                    db.layers().save(s.id(), s.layer().withDescription("writer " + n), Optional.of(1), u, "w" + n);
                    return true;
                } catch (ConflictException e) {
                    return false;
                }
            }));
        }
        int wins = 0;
        for (Future<Boolean> f : results) {
            wins += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(wins).isEqualTo(1);
        assertThat(db.layers().get(s.id()).revision()).isEqualTo(2);
    }

    @Test
    void theAuditLogListsNewestFirst() {
        db.audit().record("alice", "layer.create", "layer 1", "coverage");
        db.audit().record("alice", "layer.save", "layer 1", "d".repeat(5000));
        List<AuditEntry> entries = db.audit().recent(10);
        assertThat(entries).extracting(AuditEntry::action).containsExactly("layer.save", "layer.create");
        assertThat(entries.get(0).detail()).hasSizeLessThanOrEqualTo(2000);
    }

    @Test
    void aLayerChangeIsKeptOnlyWithItsAuditRow() {
        User u = db.users().create("hana", Role.ANALYST);
        String tooLong = "x".repeat(65); // the audit_log.action column holds 64 characters: the insert fails
        assertThatThrownBy(() -> db.transaction(tx -> {
                    StoredLayer s = tx.layers().create(u, Layer.empty("lost", "5.6.0"));
                    tx.audit().record(u.name(), tooLong, "layer " + s.id(), s.name());
                    return s;
                }))
                .isInstanceOf(UnavailableException.class);
        assertThat(db.layers().count())
                .as("the create rolled back with its audit row")
                .isZero();

        StoredLayer kept = db.transaction(tx -> {
            StoredLayer s = tx.layers().create(u, Layer.empty("kept", "5.6.0"));
            tx.audit().record(u.name(), "layer.create", "layer " + s.id(), s.name());
            return s;
        });
        assertThat(db.layers().get(kept.id()).revision()).isEqualTo(1);
        assertThat(db.audit().recent(10)).extracting(AuditEntry::action).containsExactly("layer.create");

        Layer edited = kept.layer().withDescription("edited");
        assertThatThrownBy(() -> db.transaction(tx -> {
                    StoredLayer s = tx.layers().save(kept.id(), edited, Optional.of(1), u, "edit");
                    tx.audit().record(u.name(), tooLong, "layer " + s.id(), "revision " + s.revision());
                    return s;
                }))
                .isInstanceOf(UnavailableException.class);
        assertThat(db.layers().get(kept.id()).revision())
                .as("the save rolled back")
                .isEqualTo(1);
        assertThat(db.layers().history(kept.id())).hasSize(1);

        assertThatThrownBy(() -> db.transaction(tx -> {
                    tx.layers().delete(kept.id());
                    tx.audit().record(u.name(), tooLong, "layer " + kept.id(), kept.name());
                    return null;
                }))
                .isInstanceOf(UnavailableException.class);
        assertThat(db.layers().find(kept.id())).as("the delete rolled back").isPresent();
        assertThat(db.audit().recent(10)).hasSize(1);
    }

    @Test
    void anAuditRowIsKeptOnlyWithTheChangeItRecords() {
        User u = db.users().create("ivan", Role.ANALYST);
        StoredLayer s = db.layers().create(u, Layer.empty("shared", "5.6.0"));
        db.layers().save(s.id(), s.layer().withDescription("meanwhile"), Optional.of(1), u, "meanwhile");
        assertThatThrownBy(() -> db.transaction(tx -> {
                    tx.audit().record(u.name(), "layer.save", "layer " + s.id(), "stale edit");
                    return tx.layers().save(s.id(), s.layer().withDescription("stale"), Optional.of(1), u, "stale");
                }))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> db.transaction(tx -> {
                    tx.audit().record(u.name(), "layer.delete", "layer 999999", "missing");
                    tx.layers().delete(999_999);
                    return null;
                }))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> db.transaction(tx -> {
                    tx.audit().record(u.name(), "layer.create", "layer ?", "nameless");
                    return tx.layers().create(u, Layer.empty(" ", "5.6.0"));
                }))
                .isInstanceOf(BadInputException.class);
        assertThat(db.audit().recent(10))
                .as("no row for a change that did not happen")
                .isEmpty();
        assertThat(db.layers().get(s.id()).revision()).isEqualTo(2);
    }

    private static TechniqueAnnotation scored(String id, int score) {
        return TechniqueAnnotation.of(id, Optional.empty()).withScore(OptionalDouble.of(score));
    }

    @Test
    void aDisabledUserIsRefusedEverywhereUntilEnabled() {
        db.users().create("root", Role.ADMIN);
        User erin = db.users().create("erin", Role.ANALYST);
        db.users().setPassword("erin", "plum orchard at dusk");
        Credential.Issued token = db.users().issue(erin, Credential.Kind.API_TOKEN, "ci", Optional.empty());
        Credential.Issued session =
                db.users().issue(erin, Credential.Kind.SESSION, null, Optional.of(Duration.ofHours(1)));

        assertThat(db.users().disable("erin").disabled()).isTrue();
        assertThat(db.users().authenticate(Credential.Kind.API_TOKEN, token.secret()))
                .isEmpty();
        assertThat(db.users().authenticate(Credential.Kind.SESSION, session.secret()))
                .isEmpty();
        assertThat(db.users().checkPassword("erin", "plum orchard at dusk")).isEmpty();
        assertThat(db.users().find("erin"))
                .hasValueSatisfying(u -> assertThat(u.disabled()).isTrue());

        assertThat(db.users().enable("erin").disabled()).isFalse();
        assertThat(db.users().authenticate(Credential.Kind.API_TOKEN, token.secret()))
                .as("tokens come back with the user")
                .isPresent();
        assertThat(db.users().authenticate(Credential.Kind.SESSION, session.secret()))
                .as("sessions ended when disabled")
                .isEmpty();
        assertThat(db.users().checkPassword("erin", "plum orchard at dusk")).isPresent();
    }

    @Test
    void aDeletedUserLosesEveryCredentialAndTheirNameIsNotGivenAgain() {
        db.users().create("root", Role.ADMIN);
        User finn = db.users().create("finn", Role.ANALYST);
        StoredLayer layer = db.layers().create(finn, Layer.empty("kept after finn", "5.6.0"));
        Credential.Issued token = db.users().issue(finn, Credential.Kind.API_TOKEN, "ci", Optional.empty());
        db.users().delete("finn");
        assertThat(db.users().find("finn")).isEmpty();
        assertThat(db.users().list()).extracting(User::name).containsExactly("root");
        assertThat(db.users().authenticate(Credential.Kind.API_TOKEN, token.secret()))
                .isEmpty();
        assertThat(db.layers().get(layer.id()).owner()).isEqualTo("finn");
        assertThatThrownBy(() -> db.users().create("finn", Role.VIEWER))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("was deleted");
        assertThatThrownBy(() -> db.users().delete("finn")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theLastEnabledAdminKeepsTheRole() {
        db.users().create("root", Role.ADMIN);
        assertThatThrownBy(() -> db.users().setRole("root", Role.ANALYST))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("last enabled admin");
        assertThatThrownBy(() -> db.users().disable("root")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> db.users().delete("root")).isInstanceOf(ConflictException.class);
        db.users().create("second", Role.ADMIN);
        db.users().disable("second");
        assertThatThrownBy(() -> db.users().setRole("root", Role.VIEWER))
                .as("a disabled admin does not count")
                .isInstanceOf(ConflictException.class);
        db.users().enable("second");
        assertThat(db.users().setRole("root", Role.VIEWER).role()).isEqualTo(Role.VIEWER);
        assertThatThrownBy(() -> db.users().delete("second")).isInstanceOf(ConflictException.class);
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndOnRequestTheTokens() {
        User gus = db.users().create("gus", Role.VIEWER);
        Credential.Issued here = db.users().issue(gus, Credential.Kind.SESSION, null, Optional.of(Duration.ofHours(1)));
        Credential.Issued there =
                db.users().issue(gus, Credential.Kind.SESSION, null, Optional.of(Duration.ofHours(1)));
        Credential.Issued token = db.users().issue(gus, Credential.Kind.API_TOKEN, "ci", Optional.empty());

        UserStore.PasswordChange kept = db.users()
                .changePassword(
                        "gus",
                        "velvet lantern harbour",
                        Optional.of(here.credential().id()),
                        false);
        assertThat(kept).isEqualTo(new UserStore.PasswordChange(1, 0));
        assertThat(db.users().authenticate(Credential.Kind.SESSION, here.secret()))
                .isPresent();
        assertThat(db.users().authenticate(Credential.Kind.SESSION, there.secret()))
                .isEmpty();
        assertThat(db.users().authenticate(Credential.Kind.API_TOKEN, token.secret()))
                .isPresent();

        assertThat(db.users()
                        .changePassword(
                                "gus",
                                "another velvet lantern",
                                Optional.of(here.credential().id()),
                                true))
                .isEqualTo(new UserStore.PasswordChange(0, 1));
        assertThat(db.users().authenticate(Credential.Kind.API_TOKEN, token.secret()))
                .isEmpty();
    }

    @Test
    void allCredentialsOfAKindAreRevokedAtOnce() {
        User hal = db.users().create("hal", Role.VIEWER);
        db.users().issue(hal, Credential.Kind.API_TOKEN, "a", Optional.empty());
        db.users().issue(hal, Credential.Kind.API_TOKEN, "b", Optional.empty());
        Credential.Issued session =
                db.users().issue(hal, Credential.Kind.SESSION, null, Optional.of(Duration.ofHours(1)));
        assertThat(db.users().countLive(hal, Credential.Kind.API_TOKEN)).isEqualTo(2);
        assertThat(db.users().revokeAll(hal, Credential.Kind.API_TOKEN)).isEqualTo(2);
        assertThat(db.users().tokensOf(hal)).isEmpty();
        assertThat(db.users().authenticate(Credential.Kind.SESSION, session.secret()))
                .isPresent();
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            String a = "a" + round;
            String b = "b" + round;
            db.users().create(a, Role.ADMIN);
            db.users().create(b, Role.ADMIN);
            if (round > 0) {
                // only this round's pair are admins
                db.users().setRole("a" + (round - 1), Role.VIEWER);
                db.users().setRole("b" + (round - 1), Role.VIEWER);
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> first = pool.submit(() -> db.users().setRole(a, Role.VIEWER));
                Future<?> second = pool.submit(() -> db.users().setRole(b, Role.VIEWER));
                int refused = 0;
                for (Future<?> f : List.of(first, second)) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(ConflictException.class);
                        refused++;
                    }
                }
                assertThat(refused).as("round " + round).isEqualTo(1);
            } finally {
                pool.shutdown();
            }
            assertThat(db.users().list().stream().filter(u -> u.role() == Role.ADMIN))
                    .hasSize(1);
        }
    }

    private static org.atlasops.intel.incident.Incident incident(String name) {
        var study = new org.atlasops.intel.incident.Study(
                name,
                "The chatbot followed instructions hidden in a web page.",
                new org.atlasops.kb.IncidentDate(
                        java.time.LocalDate.of(2026, 3, 14), org.atlasops.kb.IncidentDate.Granularity.DATE),
                org.atlasops.intel.incident.StudyType.INCIDENT,
                "HelpBot",
                "unknown",
                Optional.empty(),
                List.of(),
                List.of(new org.atlasops.kb.ProcedureStep(
                        org.atlasops.kb.AtlasId.parse("AML.TA0005"),
                        org.atlasops.kb.AtlasId.parse("AML.T0051.001"),
                        "injected")));
        return new org.atlasops.intel.incident.Incident(
                study,
                org.atlasops.intel.incident.Timeline.EMPTY,
                List.of("helpbot"),
                List.of("ALERT-1"),
                org.atlasops.intel.incident.Tlp.AMBER,
                "internal note");
    }

    @Test
    void incidentsKeepEveryRevisionAndEveryChangeIsAudited() {
        StoredIncident created = db.incidents().create(incident("Injection"), "alice", "added");
        assertThat(created.revision()).isEqualTo(1);
        assertThat(created.label()).isEqualTo("INC-" + created.id());
        assertThat(db.incidents().get(created.id()).incident()).isEqualTo(incident("Injection"));
        StoredIncident updated =
                db.incidents().update(created.id(), incident("Injection, contained"), Optional.of(1), "bob");
        assertThat(updated.revision()).isEqualTo(2);
        assertThatThrownBy(() -> db.incidents().update(created.id(), incident("late"), Optional.of(1), "carol"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is at revision 2, not 1");
        db.incidents().recordShare(created.id(), "bob", "yaml, TLP:GREEN, anonymised");
        assertThat(db.incidents().list(0, 10)).extracting(StoredIncident::id).containsExactly(created.id());
        assertThat(db.incidents().count()).isEqualTo(1);
        db.incidents().delete(created.id(), "alice");
        assertThat(db.incidents().find(created.id())).isEmpty();
        assertThatThrownBy(() -> db.incidents().recordShare(created.id(), "bob", "x"))
                .isInstanceOf(NotFoundException.class);
        assertThat(db.audit().recent(10))
                .extracting(e -> e.actor() + " " + e.action() + " " + e.target())
                .containsExactly(
                        "alice incident.delete INC-" + created.id(),
                        "bob incident.share INC-" + created.id(),
                        "bob incident.update INC-" + created.id(),
                        "alice incident.create INC-" + created.id());
    }
}
