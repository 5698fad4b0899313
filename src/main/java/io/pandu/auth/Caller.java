package io.pandu.auth;

import io.pandu.errors.ForbiddenException;
import io.pandu.store.Scope;
import java.util.Arrays;

/**
 * Who is asking, as every service sees it: the user name, the role and the rep or manager record
 * the user is linked to. Visibility follows from it: a rep sees their own records, a manager their
 * team's, ops, admin and a director everything ({@link #scope()}).
 */
public record Caller(String username, Role role, String repId, String managerId) {

    /** The command line and scheduled jobs act as this administrator. */
    public static Caller system() {
        return new Caller("system", Role.ADMIN, null, null);
    }

    public static Caller rep(String username, String repId) {
        return new Caller(username, Role.REP, repId, null);
    }

    public static Caller manager(String username, String managerId) {
        return new Caller(username, Role.MANAGER, null, managerId);
    }

    public boolean seesAll() {
        return role == Role.OPS || role == Role.ADMIN || role == Role.DIRECTOR;
    }

    /** Whose records this caller may see; a rep or manager with no linked record sees nothing. */
    public Scope scope() {
        return switch (role) {
            case REP -> Scope.rep(repId == null ? "" : repId);
            case MANAGER -> Scope.team(managerId == null ? "" : managerId);
            case OPS, ADMIN, DIRECTOR -> Scope.ALL;
        };
    }

    /** Fails with 403 unless the caller has one of the roles. */
    public void require(Role... roles) {
        if (!Arrays.asList(roles).contains(role)) {
            throw new ForbiddenException(
                    "this needs the role "
                            + String.join(" or ", Arrays.stream(roles).map(Role::json).toList())
                            + "; "
                            + username
                            + " is "
                            + role.json());
        }
    }
}
