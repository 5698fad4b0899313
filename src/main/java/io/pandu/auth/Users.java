package io.pandu.auth;

import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.errors.PanduException;
import io.pandu.store.Database;
import io.pandu.store.FactStore;
import io.pandu.store.Page;
import io.pandu.store.PageResult;
import io.pandu.store.StoreException;
import io.pandu.store.UpsertCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Users, their roles and passwords. There are no default passwords: the first admin comes from
 * {@code pandu user create}; only demo mode ({@link #createDemoUsers}) creates users with the
 * password {@value #DEMO_PASSWORD}. The statements are {@link UserRepository}'s.
 */
public final class Users {
    public static final String DEMO_PASSWORD = "demo";
    public static final int MIN_PASSWORD_LENGTH = 8;

    /**
     * How long a user's token version and disabled flag are trusted without asking the store: a
     * change made through this process ends the user's sessions at once, one made by another (the
     * CLI on the same store) within this time.
     */
    public static final Duration SESSION_CACHE = Duration.ofSeconds(5);

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,99}");

    private final UserRepository users;
    private final FactStore facts;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    /**
     * Dummy hashes by iteration count, verified for unknown users so that they cost what a known
     * user costs.
     */
    private final Map<Integer, String> dummies = new ConcurrentHashMap<>();

    /** Users' token state as last read from the store, by user name (empty: no such user). */
    private final Map<String, Cached> sessions = new ConcurrentHashMap<>();

    private record Cached(Optional<User> user, Instant readAt) {}

    /** The iteration count of the last stored hash checked: what a dummy check imitates. */
    private volatile int typicalIterations;

    public Users(
            UserRepository users,
            FactStore facts,
            Clock clock,
            PasswordHasher hasher,
            LoginThrottle throttle) {
        this.users = users;
        this.facts = facts;
        this.clock = clock;
        this.hasher = hasher;
        this.throttle = throttle;
        this.typicalIterations = hasher.iterations();
    }

    /**
     * Creates a user; only an admin may. The password must have at least {@value
     * #MIN_PASSWORD_LENGTH} characters.
     */
    public User create(Caller caller, NewUser user) {
        caller.require(Role.ADMIN);
        if (user.password() == null || user.password().length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException(
                    "password", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return insert(caller, user, hasher);
    }

    /**
     * The user with this name and password, as a caller; empty when either is wrong. An unknown
     * user name costs the same hashing work as a known one: a dummy hash with the iteration count
     * of the stored hashes seen last (in demo mode the demo users' lower count) is checked instead.
     */
    public Optional<Caller> authenticate(String username, String password) {
        Optional<String> hash = users.passwordHash(normalise(username));
        int iterations = hash.map(PasswordHasher::iterationsOf).orElse(-1);
        if (iterations > 0) {
            typicalIterations = iterations;
        }
        if (hash.isEmpty() || password == null || iterations <= 0) {
            PasswordHasher.verify(
                    password == null ? "not a user" : password, dummy(typicalIterations));
            return Optional.empty();
        }
        return PasswordHasher.verify(password, hash.get())
                ? find(username).filter(u -> !u.disabled()).map(User::caller)
                : Optional.empty();
    }

    /**
     * Signs in from {@code address} (the client's, for throttling; may be null): the caller a user
     * name and password belong to; 401 when either is wrong, 429 after too many failures for the
     * user name or the address ({@link LoginThrottle}).
     */
    public User login(String username, String password, String address) {
        throttle.check(username, address);
        Optional<User> user =
                authenticate(username, password).flatMap(caller -> find(caller.username()));
        if (user.isEmpty() || user.get().disabled()) {
            throttle.failed(username, address);
            throw new PanduException(401, "unauthorized", "wrong user name or password");
        }
        throttle.succeeded(username);
        // the state the token is issued on: its first requests (or requests while the store is
        // unreachable) need not read it again
        sessions.put(user.get().username(), new Cached(user, clock.instant()));
        return user.get();
    }

    /** The iteration count an unknown user name's dummy check uses now (for tests). */
    int dummyIterations() {
        return typicalIterations;
    }

    /** Made on first use only: hashing at full strength takes a noticeable moment. */
    private String dummy(int iterations) {
        return dummies.computeIfAbsent(
                iterations, n -> new PasswordHasher(n).hash("dummy password"));
    }

    /** A user by name, for turning a verified token back into a caller. */
    public Optional<User> find(String username) {
        return users.find(normalise(username));
    }

    /** A user by name: admins see anyone, everyone sees themselves. */
    public User get(Caller caller, String username) {
        if (!caller.username().equals(normalise(username))) {
            caller.require(Role.ADMIN);
        }
        return find(username)
                .orElseThrow(() -> new NotFoundException("no user \"" + username + "\""));
    }

    public PageResult<User> list(Caller caller, Page page) {
        caller.require(Role.ADMIN);
        return users.list(page);
    }

    /** Changes a password: one's own, or anyone's for an admin. */
    public void changePassword(Caller caller, String username, String newPassword) {
        User user = get(caller, username);
        if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException(
                    "password", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        users.changePassword(user, hasher.hash(newPassword), clock.instant(), caller.username());
        sessions.remove(user.username());
    }

    /**
     * A user changes their own password: {@code currentPassword} must be right (400 on that field
     * when not; wrong guesses count against the sign-in throttle, so a stolen token cannot be used
     * to guess the password); the new one needs {@value #MIN_PASSWORD_LENGTH} characters. Every
     * token issued before, this caller's included, stops working: the client signs in again.
     */
    public void changeOwnPassword(
            Caller caller, String currentPassword, String newPassword, String address) {
        throttle.check(caller.username(), address);
        if (currentPassword == null || authenticate(caller.username(), currentPassword).isEmpty()) {
            throttle.failed(caller.username(), address);
            throw new InvalidInputException("currentPassword", "is not the current password");
        }
        if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException(
                    "newPassword", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        changePassword(caller, caller.username(), newPassword);
    }

    /**
     * An admin changes a user: disables or re-enables them, resets the password, changes the role
     * or the rep or manager record they are linked to. Anything but re-enabling ends the user's
     * sessions (the token version moves on). An admin cannot disable or demote themselves (the
     * store would be left without a way in).
     */
    public User update(Caller caller, String username, UserChange change) {
        caller.require(Role.ADMIN);
        User user =
                find(username)
                        .orElseThrow(() -> new NotFoundException("no user \"" + username + "\""));
        if (change == null || change.isEmpty()) {
            throw new InvalidInputException(
                    "$", "name at least one of disabled, password, role, repId, managerId");
        }
        if (change.password() != null && change.password().length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException(
                    "password", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        Role role = change.role() != null ? change.role() : user.role();
        boolean self = user.username().equals(caller.username());
        if (self && Boolean.TRUE.equals(change.disabled())) {
            throw new InvalidInputException("disabled", "an admin cannot disable themselves");
        }
        if (self && role != Role.ADMIN) {
            throw new InvalidInputException("role", "an admin cannot take their own admin role");
        }
        String repId =
                role != Role.REP
                        ? null
                        : change.repId() != null
                                ? change.repId()
                                : user.role() == Role.REP ? user.repId() : null;
        String managerId =
                role != Role.MANAGER
                        ? null
                        : change.managerId() != null
                                ? change.managerId()
                                : user.role() == Role.MANAGER ? user.managerId() : null;
        if (change.repId() != null && role != Role.REP) {
            throw new InvalidInputException("repId", "only a rep user is linked to a rep");
        }
        if (change.managerId() != null && role != Role.MANAGER) {
            throw new InvalidInputException(
                    "managerId", "only a manager user is linked to a manager");
        }
        checkLink(new NewUser(user.username(), null, role, repId, managerId));
        boolean disabled = change.disabled() != null ? change.disabled() : user.disabled();
        boolean revoke =
                (disabled && !user.disabled())
                        || change.password() != null
                        || role != user.role()
                        || !java.util.Objects.equals(repId, user.repId())
                        || !java.util.Objects.equals(managerId, user.managerId());
        java.util.List<String> said = new java.util.ArrayList<>();
        if (disabled != user.disabled()) {
            said.add(disabled ? "disabled" : "enabled");
        }
        if (change.password() != null) {
            said.add("password reset");
        }
        if (role != user.role()) {
            said.add("role " + role.json());
        }
        if (!java.util.Objects.equals(repId, user.repId()) && repId != null) {
            said.add("rep " + repId);
        }
        if (!java.util.Objects.equals(managerId, user.managerId()) && managerId != null) {
            said.add("manager " + managerId);
        }
        User updated =
                users.update(
                        user,
                        change.password() == null ? null : hasher.hash(change.password()),
                        role,
                        repId,
                        managerId,
                        disabled,
                        revoke,
                        clock.instant(),
                        caller.username(),
                        said.isEmpty() ? "unchanged" : String.join(", ", said));
        sessions.remove(user.username());
        return updated;
    }

    /** Whether the store has an enabled admin: without one, nobody can manage users over HTTP. */
    public boolean hasAdmin() {
        return users.anyAdmin();
    }

    /**
     * Whether a token of {@code username} carrying {@code tokenVersion} still holds, if known
     * without the store (the user's state was read less than {@link #SESSION_CACHE} ago); empty
     * when {@link #tokenHolds} must ask the store.
     */
    public Optional<Boolean> tokenHoldsCached(String username, int tokenVersion) {
        Cached cached = sessions.get(username);
        if (cached == null
                || !clock.instant().isBefore(cached.readAt().plus(SESSION_CACHE))
                || cached.readAt().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(holds(cached.user(), tokenVersion));
    }

    /**
     * Whether a token of {@code username} carrying {@code tokenVersion} still holds: the user
     * exists, is not disabled, and the version is theirs. Reads the store (blocking) and remembers
     * the answer for {@link #SESSION_CACHE}.
     */
    public boolean tokenHolds(String username, int tokenVersion) {
        Cached known = sessions.get(username);
        if (known != null && !users.storeAvailable()) {
            // known to be down: no need to wait for a connection that will not come
            return holds(known.user(), tokenVersion);
        }
        Optional<User> user;
        try {
            user = users.find(username);
        } catch (io.pandu.store.StoreUnavailableException e) {
            // the database is gone: the user's last known state holds until it is back, so the
            // routes that need no database (evaluate, rules) keep answering signed-in callers
            Cached last = sessions.get(username);
            if (last == null) {
                throw e;
            }
            return holds(last.user(), tokenVersion);
        }
        sessions.put(username, new Cached(user, clock.instant()));
        return holds(user, tokenVersion);
    }

    private static boolean holds(Optional<User> user, int tokenVersion) {
        return user.isPresent()
                && !user.get().disabled()
                && user.get().tokenVersion() == tokenVersion;
    }

    /**
     * Demo mode: a user {@code first.last} for every rep and manager (ids as
     * MavenCrmReader.personId makes them), plus {@code ops}, {@code admin} and {@code director},
     * all with the password "demo". Users that exist already are left as they are.
     */
    public UpsertCounts createDemoUsers(
            Caller caller, Collection<String> repIds, Collection<String> managerIds) {
        caller.require(Role.ADMIN);
        PasswordHasher demo = new PasswordHasher(PasswordHasher.DEMO_ITERATIONS);
        typicalIterations = demo.iterations(); // most users are demo users now
        UpsertCounts counts = UpsertCounts.NONE;
        java.util.List<NewUser> wanted = new java.util.ArrayList<>();
        repIds.forEach(id -> wanted.add(new NewUser(id, DEMO_PASSWORD, Role.REP, id, null)));
        managerIds.forEach(
                id -> wanted.add(new NewUser(id, DEMO_PASSWORD, Role.MANAGER, null, id)));
        wanted.add(new NewUser("ops", DEMO_PASSWORD, Role.OPS, null, null));
        wanted.add(new NewUser("admin", DEMO_PASSWORD, Role.ADMIN, null, null));
        wanted.add(new NewUser("director", DEMO_PASSWORD, Role.DIRECTOR, null, null));
        for (NewUser user : wanted) {
            if (find(user.username()).isPresent()) {
                counts = counts.count(UpsertCounts.Outcome.UNCHANGED);
            } else {
                insert(caller, user, demo);
                counts = counts.count(UpsertCounts.Outcome.CREATED);
            }
        }
        return counts;
    }

    private User insert(Caller caller, NewUser user, PasswordHasher withHasher) {
        String username = normalise(user.username());
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new InvalidInputException(
                    "username", "use 1 to 100 characters: lower-case letters, digits, . _ @ -");
        }
        if (user.role() == null) {
            throw new InvalidInputException("role", "is required (rep, manager, ops or admin)");
        }
        checkLink(user);
        if (find(username).isPresent()) {
            throw taken(username);
        }
        String hash = withHasher.hash(user.password());
        Instant now = clock.instant();
        try {
            return users.create(
                    username,
                    hash,
                    user.role(),
                    user.role() == Role.REP ? user.repId() : null,
                    user.role() == Role.MANAGER ? user.managerId() : null,
                    now,
                    caller.username());
        } catch (StoreException e) {
            if (Database.isUniqueViolation(e)) {
                throw taken(username); // created by someone else since the check above
            }
            throw e;
        }
    }

    private static PanduException taken(String username) {
        return new PanduException(
                409, "conflict", "username: \"" + username + "\" is taken", "username");
    }

    /** A rep user needs a stored rep, a manager user a manager that heads a team or is stored. */
    private void checkLink(NewUser user) {
        if (user.role() == Role.REP) {
            if (user.repId() == null || facts.rep(user.repId()).isEmpty()) {
                throw new InvalidInputException(
                        "repId",
                        "a rep user needs the id of a stored rep"
                                + (user.repId() == null
                                        ? ""
                                        : "; no rep \"" + user.repId() + "\""));
            }
        } else if (user.role() == Role.MANAGER) {
            boolean known =
                    user.managerId() != null
                            && (facts.managers().get(user.managerId()).isPresent()
                                    || facts.managesReps(user.managerId()));
            if (!known) {
                throw new InvalidInputException(
                        "managerId",
                        "a manager user needs the id of a stored manager"
                                + (user.managerId() == null
                                        ? ""
                                        : "; no manager \"" + user.managerId() + "\""));
            }
        }
    }

    private static String normalise(String username) {
        return username == null ? null : username.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
