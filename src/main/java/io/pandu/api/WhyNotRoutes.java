package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.explain.WhyNot;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** "Why not" for a deal: the rules' conditions and the list's decisions about one code or all. */
final class WhyNotRoutes {
    private final WhyNot whyNot;

    WhyNotRoutes(WhyNot whyNot) {
        this.whyNot = whyNot;
    }

    void mount(RouterBuilder api) {
        api.getRoute("dealWhyNot")
                .addHandler(
                        rc -> {
                            Caller caller = Access.caller(rc);
                            String id = Params.path(rc, "id");
                            String code = Params.query(rc, "code");
                            Reply.ok(rc, () -> whyNot.whyNot(caller, id, code));
                        });
    }
}
