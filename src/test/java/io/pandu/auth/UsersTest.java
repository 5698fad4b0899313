package io.pandu.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.app.Pandu;
import io.pandu.errors.ForbiddenException;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.errors.PanduException;
import io.pandu.store.Page;
import io.pandu.testing.Fixture;
import io.pandu.testing.OnEachDatabase;
import io.pandu.testing.TestDatabase;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsersTest {

    @Test
    void passwordsAreSaltedPbkdf2Hashes() {
        PasswordHasher hasher = new PasswordHasher(1_000);
        String a = hasher.hash("correct horse");
        String b = hasher.hash("correct horse");
        assertNotEquals(a, b, "salted");
        assertTrue(a.startsWith("pbkdf2-sha256$1000$"), a);
        assertTrue(PasswordHasher.verify("correct horse", a));
        assertFalse(PasswordHasher.verify("correct horsf", a));
        assertFalse(PasswordHasher.verify("x", "plain"));
        assertFalse(PasswordHasher.verify("x", null));
    }

    @OnEachDatabase
    void anUnknownUserCostsTheHashingOfTheKnownOnesEvenInDemoMode(TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Users users = f.services().users();
            users.createDemoUsers(Caller.system(), java.util.List.of("r1"), java.util.List.of());
            assertEquals(PasswordHasher.DEMO_ITERATIONS, users.dummyIterations());
            assertTrue(users.authenticate("ops", Users.DEMO_PASSWORD).isPresent());
            assertTrue(users.authenticate("nobody", Users.DEMO_PASSWORD).isEmpty());
            assertEquals(PasswordHasher.DEMO_ITERATIONS, users.dummyIterations());
        }
    }

    @OnEachDatabase
    void onlyAnAdminCreatesUsersAndEachIsLinkedToTheirRecord(TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Pandu s = f.services();
            Users users = s.users();
            Caller admin = Caller.system();
            User rep =
                    users.create(
                            admin, new NewUser("Rep.One", "long enough", Role.REP, "r1", null));
            assertEquals("rep.one", rep.username());
            assertEquals(
                    new Caller("rep.one", Role.REP, "r1", null),
                    users.authenticate("rep.one", "long enough").orElseThrow());
            assertTrue(users.authenticate("rep.one", "wrong").isEmpty());
            assertTrue(users.authenticate("nobody", "long enough").isEmpty());

            assertThrows(
                    ForbiddenException.class,
                    () ->
                            users.create(
                                    rep.caller(),
                                    new NewUser("x", "long enough", Role.ADMIN, null, null)));
            assertEquals(
                    "password",
                    assertThrows(
                                    InvalidInputException.class,
                                    () ->
                                            users.create(
                                                    admin,
                                                    new NewUser(
                                                            "x", "short", Role.OPS, null, null)))
                            .field());
            assertEquals(
                    "repId",
                    assertThrows(
                                    InvalidInputException.class,
                                    () ->
                                            users.create(
                                                    admin,
                                                    new NewUser(
                                                            "x",
                                                            "long enough",
                                                            Role.REP,
                                                            "r99",
                                                            null)))
                            .field());
            assertEquals(
                    "managerId",
                    assertThrows(
                                    InvalidInputException.class,
                                    () ->
                                            users.create(
                                                    admin,
                                                    new NewUser(
                                                            "x",
                                                            "long enough",
                                                            Role.MANAGER,
                                                            null,
                                                            "m99")))
                            .field());
            PanduException taken =
                    assertThrows(
                            PanduException.class,
                            () ->
                                    users.create(
                                            admin,
                                            new NewUser(
                                                    "rep.one",
                                                    "long enough",
                                                    Role.OPS,
                                                    null,
                                                    null)));
            assertEquals(409, taken.status());
            assertEquals("username", taken.field());
            assertEquals(
                    "m1",
                    users.create(
                                    admin,
                                    new NewUser("boss", "long enough", Role.MANAGER, null, "m1"))
                            .managerId());

            users.changePassword(rep.caller(), "rep.one", "another one");
            assertTrue(users.authenticate("rep.one", "another one").isPresent());
            assertThrows(
                    ForbiddenException.class,
                    () -> users.changePassword(rep.caller(), "boss", "another one"));
            assertThrows(ForbiddenException.class, () -> users.list(rep.caller(), Page.FIRST));
            assertEquals(2, users.list(admin, Page.FIRST).total());
            assertThrows(NotFoundException.class, () -> users.get(admin, "ghost"));
            assertEquals(Role.REP, Role.parse("REP"));
            assertThrows(InvalidInputException.class, () -> Role.parse("king"));
        }
    }

    @OnEachDatabase
    void disablingAUserOrChangingTheirPasswordOrRoleEndsTheirTokens(TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Users users = f.services().users();
            Caller admin = Caller.system();
            User rep =
                    users.create(
                            admin, new NewUser("rep.two", "long enough", Role.REP, "r1", null));
            assertEquals(0, rep.tokenVersion());
            assertTrue(users.tokenHolds("rep.two", 0));
            assertEquals(Optional.of(true), users.tokenHoldsCached("rep.two", 0));

            User disabled =
                    users.update(admin, "rep.two", new UserChange(true, null, null, null, null));
            assertTrue(disabled.disabled());
            assertEquals(1, disabled.tokenVersion());
            assertEquals(Optional.empty(), users.tokenHoldsCached("rep.two", 0)); // forgotten
            assertFalse(users.tokenHolds("rep.two", 0));
            assertFalse(users.tokenHolds("rep.two", 1)); // disabled: no version holds
            assertTrue(users.authenticate("rep.two", "long enough").isEmpty());

            User enabled =
                    users.update(admin, "rep.two", new UserChange(false, null, null, null, null));
            assertEquals(1, enabled.tokenVersion()); // re-enabling revives no old token
            assertTrue(users.tokenHolds("rep.two", 1));
            assertTrue(users.authenticate("rep.two", "long enough").isPresent());

            User reset =
                    users.update(
                            admin,
                            "rep.two",
                            new UserChange(null, "brand new one", null, null, null));
            assertEquals(2, reset.tokenVersion());
            assertTrue(users.authenticate("rep.two", "brand new one").isPresent());

            User manager =
                    users.update(
                            admin, "rep.two", new UserChange(null, null, Role.MANAGER, null, "m1"));
            assertEquals(3, manager.tokenVersion());
            assertEquals("m1", manager.managerId());
            assertEquals(null, manager.repId());

            users.changePassword(manager.caller(), "rep.two", "yet another one");
            assertFalse(users.tokenHolds("rep.two", 3));
            assertTrue(users.tokenHolds("rep.two", 4));
            assertFalse(users.tokenHolds("ghost", 0));
        }
    }

    @OnEachDatabase
    void anAdminChangeNamesTheFieldThatIsWrong(TestDatabase.Kind kind) {
        try (Fixture.Loaded f = Fixture.open(kind)) {
            Users users = f.services().users();
            Caller admin = Caller.system();
            assertFalse(users.hasAdmin());
            users.create(admin, new NewUser("rep.two", "long enough", Role.REP, "r1", null));
            User boss =
                    users.create(admin, new NewUser("root", "long enough", Role.ADMIN, null, null));
            assertEquals(
                    "$",
                    assertThrows(
                                    InvalidInputException.class,
                                    () ->
                                            users.update(
                                                    admin,
                                                    "rep.two",
                                                    new UserChange(null, null, null, null, null)))
                            .field());
            assertEquals(
                    "password",
                    assertThrows(
                                    InvalidInputException.class,
                                    () ->
                                            users.update(
                                                    admin,
                                                    "rep.two",
                                                    new UserChange(
                                                            null, "short", null, null, null)))
                            .field());
            assertEquals(
                    "repId",
                    assertThrows(
                                    InvalidInputException.class,
                                    () ->
                                            users.update(
                                                    admin,
                                                    "rep.two",
                                                    new UserChange(null, null, null, "r99", null)))
                            .field());
            assertEquals(
                    "managerId",
                    assertThrows(
                                    InvalidInputException.class,
                                    () ->
                                            users.update(
                                                    admin,
                                                    "rep.two",
                                                    new UserChange(
                                                            null, null, Role.MANAGER, null, null)))
                            .field());
            assertEquals(
                    "disabled",
                    assertThrows(
                                    InvalidInputException.class,
                                    () ->
                                            users.update(
                                                    boss.caller(),
                                                    "root",
                                                    new UserChange(true, null, null, null, null)))
                            .field());
            assertThrows(
                    NotFoundException.class,
                    () ->
                            users.update(
                                    admin, "ghost", new UserChange(true, null, null, null, null)));
            assertThrows(
                    ForbiddenException.class,
                    () ->
                            users.update(
                                    new Caller("rep.two", Role.REP, "r1", null),
                                    "rep.two",
                                    new UserChange(null, null, Role.ADMIN, null, null)));
            assertEquals(
                    "currentPassword",
                    assertThrows(
                                    InvalidInputException.class,
                                    () ->
                                            users.changeOwnPassword(
                                                    boss.caller(), "wrong", "long enough 2", null))
                            .field());
            assertEquals(
                    "newPassword",
                    assertThrows(
                                    InvalidInputException.class,
                                    () ->
                                            users.changeOwnPassword(
                                                    boss.caller(), "long enough", "short", null))
                            .field());
            assertTrue(users.hasAdmin());
        }
    }
}
