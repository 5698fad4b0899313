package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.auth.Role;
import io.pandu.auth.User;
import io.pandu.auth.Users;
import io.pandu.errors.ForbiddenException;
import io.pandu.errors.PanduException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may call what. The contract is the policy: an operation with {@code security: []} is open,
 * every other one needs a bearer JWT and lists the roles it admits in {@code x-roles}. This root
 * handler runs before validation, so a caller without a token gets 401 and one with the wrong role
 * 403 whatever they sent. Object-level visibility (a rep's own deals, a manager's team) is the
 * services' business, through the {@link Caller} put on the context here.
 */
public final class Access implements Handler<RoutingContext> {
    public static final String ROLES_EXTENSION = "x-roles";
    private static final String CALLER = "pandu.caller";

    /** The token version claim: the user's {@code token_version} when the token was issued. */
    private static final String VERSION_CLAIM = "tv";

    /**
     * A token whose expiry lies further ahead than the configured lifetime by more than this was
     * not issued under this configuration (clocks of several instances may differ a little).
     */
    private static final long LIFETIME_LEEWAY_SECONDS = 60;

    /**
     * Verified tokens remembered at most; past that the memory starts over (a token is then
     * verified again).
     */
    private static final int VERIFIED_KEPT = 10_000;

    private final Vertx vertx;
    private final OpenAPIContract contract;
    private final JWTAuth jwt;
    private final Clock clock;
    private final Users users;
    private final Duration lifetime;
    private final Map<String, Set<Role>> policies = new HashMap<>();

    /**
     * Tokens whose signature was checked, by their exact text, until they expire: a client sends
     * the same token with every call, and decoding and verifying it each time cost 3 % of the CPU
     * of an evaluation (docs/BENCHMARKS.md). Only a byte-identical token hits, so a forged one
     * never does.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(Caller caller, int tokenVersion, long expiresAtEpochSecond) {}

    /**
     * {@code clock} dates the tokens issued and decides when a token has expired; tokens live
     * {@code lifetime}, and {@code users} tells whether a token's user still holds it (not
     * disabled, the same token version).
     */
    public Access(
            Vertx vertx,
            OpenAPIContract contract,
            String secret,
            Clock clock,
            Users users,
            Duration lifetime) {
        this.vertx = vertx;
        this.contract = contract;
        this.clock = clock;
        this.users = users;
        this.lifetime = lifetime;
        this.jwt =
                JWTAuth.create(
                        vertx,
                        new JWTAuthOptions()
                                .addPubSecKey(
                                        new PubSecKeyOptions()
                                                .setAlgorithm("HS256")
                                                .setBuffer(secret))
                                .setJWTOptions(new JWTOptions().setIssuer("pandu")));
        for (Operation op : contract.operations()) {
            if (!op.getSecurityRequirements().isEmpty()) {
                policies.put(op.getOperationId(), roles(op));
            }
        }
    }

    /** A random HS256 secret, for a server started without {@code PANDU_JWT_SECRET}. */
    public static String generatedSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The roles an operation admits; an operation that needs a token but names no roles is a
     * contract bug.
     */
    static Set<Role> roles(Operation op) {
        Object listed = op.getExtensions().get(ROLES_EXTENSION);
        if (!(listed instanceof JsonArray array) || array.isEmpty()) {
            throw new IllegalStateException(
                    "operation "
                            + op.getOperationId()
                            + " needs a token but has no "
                            + ROLES_EXTENSION
                            + " in the contract");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        array.forEach(r -> roles.add(Role.parse(String.valueOf(r))));
        return roles;
    }

    /** A token for this user, carrying their current token version. */
    public String issue(User user) {
        Caller caller = user.caller();
        JsonObject claims =
                new JsonObject()
                        .put("sub", caller.username())
                        .put("role", caller.role().json())
                        .put(VERSION_CLAIM, user.tokenVersion());
        if (caller.repId() != null) {
            claims.put("repId", caller.repId());
        }
        if (caller.managerId() != null) {
            claims.put("managerId", caller.managerId());
        }
        // exp from Pandu's clock; no iat, which the signature library would check against the
        // system time
        claims.put("exp", clock.instant().getEpochSecond() + lifetime.toSeconds());
        return jwt.generateToken(
                claims,
                new JWTOptions().setAlgorithm("HS256").setIssuer("pandu").setNoTimestamp(true));
    }

    @Override
    public void handle(RoutingContext rc) {
        Operation op = operation(rc);
        Set<Role> admitted = op == null ? null : policies.get(op.getOperationId());
        if (admitted == null) {
            rc.next();
            return;
        }
        String token = bearer(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            rc.fail(
                    new HttpException(
                            401,
                            "this needs a token: POST /api/v1/auth/login, then send 'Authorization: Bearer <token>'"));
            return;
        }
        // the body waits, unread, until the caller is known (Vert.x's own AuthenticationHandler
        // does the same)
        boolean pause = !rc.request().isEnded();
        if (pause) {
            rc.request().pause();
        }
        callerOf(token)
                .onComplete(
                        result -> {
                            if (pause) {
                                rc.request().resume(); // the body handler, next, takes the body; a
                                // failure discards it
                            }
                            if (result.failed()) {
                                rc.fail(
                                        result.cause() instanceof PanduException down
                                                        && down.status() >= 500
                                                ? down // the store could not tell
                                                : new HttpException(
                                                        401,
                                                        "the token is invalid, expired or revoked; sign in again"));
                                return;
                            }
                            Caller caller = result.result();
                            if (!admitted.contains(caller.role())) {
                                rc.fail(
                                        new ForbiddenException(
                                                op.getOperationId()
                                                        + " needs the role "
                                                        + String.join(
                                                                " or ",
                                                                admitted.stream()
                                                                        .map(Role::json)
                                                                        .toList())
                                                        + "; "
                                                        + caller.username()
                                                        + " is "
                                                        + caller.role().json()));
                                return;
                            }
                            rc.put(CALLER, caller);
                            rc.next();
                        });
    }

    /**
     * The caller a token names, once its signature, expiry and lifetime hold and its user still
     * holds it (not disabled, the token version theirs): known within {@link Users#SESSION_CACHE}
     * without the store, else asked on a worker thread.
     */
    private Future<Caller> callerOf(String token) {
        return verified(token)
                .compose(
                        v -> {
                            String username = v.caller().username();
                            Optional<Boolean> known =
                                    users.tokenHoldsCached(username, v.tokenVersion());
                            Future<Boolean> holds =
                                    known.isPresent()
                                            ? Future.succeededFuture(known.get())
                                            : vertx.executeBlocking(
                                                    () ->
                                                            users.tokenHolds(
                                                                    username, v.tokenVersion()),
                                                    false);
                            return holds.map(
                                    ok -> {
                                        if (!ok) {
                                            throw new IllegalStateException("token revoked");
                                        }
                                        return v.caller();
                                    });
                        });
    }

    /** The token's claims once its signature holds, it has not expired and its lifetime is ours. */
    private Future<Verified> verified(String token) {
        Verified known = verified.get(token);
        long now = clock.instant().getEpochSecond();
        if (known != null && now < known.expiresAtEpochSecond()) {
            return Future.succeededFuture(known);
        }
        return jwt.authenticate(new TokenCredentials(token))
                .map(
                        user -> {
                            JsonObject claims = user.principal();
                            // Vert.x keeps exp among the attributes, not the principal
                            Long exp = user.attributes().getLong("exp");
                            if (exp == null) {
                                throw new IllegalStateException("token without exp");
                            }
                            // the signature library reads the system time; Pandu's clock decides
                            if (now >= exp) {
                                throw new IllegalStateException("token expired");
                            }
                            if (exp - now > lifetime.toSeconds() + LIFETIME_LEEWAY_SECONDS) {
                                throw new IllegalStateException("token lives too long");
                            }
                            Integer version = claims.getInteger(VERSION_CLAIM);
                            if (version == null) {
                                throw new IllegalStateException("token without a version");
                            }
                            Verified checked =
                                    new Verified(
                                            new Caller(
                                                    claims.getString("sub"),
                                                    Role.parse(claims.getString("role")),
                                                    claims.getString("repId"),
                                                    claims.getString("managerId")),
                                            version,
                                            exp);
                            if (verified.size() >= VERIFIED_KEPT) {
                                verified.clear();
                            }
                            verified.put(token, checked);
                            return checked;
                        });
    }

    /**
     * The operation the router will run. The router also matches a path with a trailing slash,
     * which the contract's lookup does not: without this, {@code GET /api/v1/me/} would skip the
     * token check and fail in the handler with a 500.
     */
    private Operation operation(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return contract.findOperation(path, rc.request().method());
    }

    /** The signed-in caller; only called by handlers of operations that need a token. */
    public static Caller caller(RoutingContext rc) {
        Caller caller = rc.get(CALLER);
        if (caller == null) {
            throw new IllegalStateException(
                    "no caller on "
                            + rc.normalizedPath()
                            + ": the operation needs a security requirement");
        }
        return caller;
    }

    private static String bearer(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
