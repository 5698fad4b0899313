package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.auth.NewUser;
import io.pandu.auth.Role;
import io.pandu.auth.UserChange;
import io.pandu.auth.Users;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/**
 * User administration for admins: create, list, and change a user (disable, reset the password,
 * role, the rep or manager record they are linked to).
 */
final class UserRoutes {
    private final Users users;

    /** The body of {@code POST /api/v1/users}. */
    record Create(String username, String password, Role role, String repId, String managerId) {}

    UserRoutes(Users users) {
        this.users = users;
    }

    void mount(RouterBuilder api) {
        api.getRoute("createUser").addHandler(this::create);
        api.getRoute("listUsers")
                .addHandler(
                        rc -> {
                            Caller caller = Access.caller(rc);
                            var page = Params.page(rc);
                            Reply.ok(rc, () -> users.list(caller, page));
                        });
        api.getRoute("updateUser").addHandler(this::update);
    }

    private void create(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        Reply.json(
                rc,
                () -> {
                    Create body = Params.body(rc, Create.class);
                    return users.create(
                            caller,
                            new NewUser(
                                    body.username(),
                                    body.password(),
                                    body.role(),
                                    body.repId(),
                                    body.managerId()));
                },
                created -> 201);
    }

    private void update(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String username = Params.path(rc, "username");
        Reply.ok(rc, () -> users.update(caller, username, Params.body(rc, UserChange.class)));
    }
}
