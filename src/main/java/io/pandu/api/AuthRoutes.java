package io.pandu.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.auth.Caller;
import io.pandu.auth.User;
import io.pandu.auth.Users;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * Signing in, asking who one is, changing one's password, and what the sign-in page should offer.
 */
final class AuthRoutes {
    private final Users users;
    private final Access access;
    private final boolean demo;

    record PasswordChange(String currentPassword, String newPassword) {}

    /** What the sign-in page needs to know before anyone signs in. */
    record SignInOptions(boolean demo) {}

    record Login(String username, String password) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Token(String token, String username, String role, String repId, String managerId) {}

    AuthRoutes(Users users, Access access, boolean demo) {
        this.users = users;
        this.access = access;
        this.demo = demo;
    }

    void mount(RouterBuilder api) {
        api.getRoute("login").addHandler(this::login);
        api.getRoute("signInOptions").addHandler(rc -> Reply.ok(rc, () -> new SignInOptions(demo)));
        api.getRoute("me").addHandler(Handlers.forCaller(caller -> caller));
        api.getRoute("changeMyPassword").addHandler(this::changeMyPassword);
    }

    private void changeMyPassword(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        Reply.noContent(
                rc,
                () -> {
                    PasswordChange change = Params.body(rc, PasswordChange.class);
                    users.changeOwnPassword(
                            caller, change.currentPassword(), change.newPassword(), address(rc));
                    return null;
                });
    }

    static String address(RoutingContext rc) {
        return rc.request().remoteAddress() == null
                ? null
                : rc.request().remoteAddress().hostAddress();
    }

    private void login(RoutingContext rc) {
        Reply.ok(
                rc,
                () -> {
                    Login login = Params.body(rc, Login.class);
                    return token(users.login(login.username(), login.password(), address(rc)));
                });
    }

    private Token token(User user) {
        Caller caller = user.caller();
        return new Token(
                access.issue(user),
                caller.username(),
                caller.role().json(),
                caller.repId(),
                caller.managerId());
    }
}
