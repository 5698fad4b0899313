package io.pandu.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.auth.Caller;
import io.pandu.auth.Users;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Signing in and asking who one is. */
final class AuthRoutes {
    private final Users users;
    private final Access access;

    record Login(String username, String password) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Token(String token, String username, String role, String repId, String managerId) {}

    AuthRoutes(Users users, Access access) {
        this.users = users;
        this.access = access;
    }

    void mount(RouterBuilder api) {
        api.getRoute("login").addHandler(this::login);
        api.getRoute("me").addHandler(Handlers.forCaller(caller -> caller));
    }

    private void login(RoutingContext rc) {
        Reply.ok(
                rc,
                () -> {
                    Login login = Params.body(rc, Login.class);
                    return token(
                            users.login(
                                    login.username(),
                                    login.password(),
                                    rc.request().remoteAddress() == null
                                            ? null
                                            : rc.request().remoteAddress().hostAddress()));
                });
    }

    private Token token(Caller caller) {
        return new Token(
                access.issue(caller),
                caller.username(),
                caller.role().json(),
                caller.repId(),
                caller.managerId());
    }
}
