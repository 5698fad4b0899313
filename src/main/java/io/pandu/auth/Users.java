package io.pandu.auth;

import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.errors.PanduException;
import io.pandu.store.FactStore;
import io.pandu.store.Page;
import io.pandu.store.PageResult;
import io.pandu.store.UpsertCounts;
import java.time.Clock;
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
                ? find(username).map(User::caller)
                : Optional.empty();
    }

    /**
     * Signs in from {@code address} (the client's, for throttling; may be null): the caller a user
     * name and password belong to; 401 when either is wrong, 429 after too many failures for the
     * user name or the address ({@link LoginThrottle}).
     */
    public Caller login(String username, String password, String address) {
        throttle.check(username, address);
        Optional<Caller> caller = authenticate(username, password);
        if (caller.isEmpty()) {
            throttle.failed(username, address);
            throw new PanduException(401, "unauthorized", "wrong user name or password");
        }
        throttle.succeeded(username);
        return caller.get();
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
        users.changePassword(user, hasher.hash(newPassword), caller.username());
    }

    /**
     * Demo mode: a user {@code first.last} for every rep and manager (ids as
     * MavenCrmReader.personId makes them), plus {@code ops} and {@code admin}, all with the
     * password "demo". Users that exist already are left as they are.
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
            throw new InvalidInputException("username", "\"" + username + "\" is taken");
        }
        String hash = withHasher.hash(user.password());
        Instant now = clock.instant();
        return users.create(
                username,
                hash,
                user.role(),
                user.role() == Role.REP ? user.repId() : null,
                user.role() == Role.MANAGER ? user.managerId() : null,
                now,
                caller.username());
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
