package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.studio.RuleStudio;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Rules and playbooks in use, the rule files, validation, saving and reloading. */
final class RuleRoutes {
    private final RuleStudio rules;

    record Validate(String file, String text) {}

    record Save(String text) {}

    RuleRoutes(RuleStudio rules) {
        this.rules = rules;
    }

    void mount(RouterBuilder api) {
        api.getRoute("listRules").addHandler(rc -> Reply.stateless(rc, rules::catalogue));
        // versions are read from the store, and a reload stores folder edits as a version
        api.getRoute("ruleVersions").addHandler(rc -> Reply.ok(rc, rules::versions));
        api.getRoute("listRuleFiles").addHandler(rc -> Reply.stateless(rc, rules::files));
        api.getRoute("getRuleFile").addHandler(this::source);
        api.getRoute("saveRuleFile").addHandler(this::save);
        api.getRoute("validateRules").addHandler(this::validate);
        api.getRoute("reloadRules").addHandler(rc -> Reply.ok(rc, rules::reload));
        api.getRoute("listPlaybooks").addHandler(rc -> Reply.stateless(rc, rules::playbooks));
        api.getRoute("getPlaybook").addHandler(this::playbook);
    }

    private void source(RoutingContext rc) {
        String path = Params.query(rc, "path");
        Reply.stateless(rc, () -> rules.source(path));
    }

    private void save(RoutingContext rc) {
        String path = Params.query(rc, "path");
        Caller caller = Access.caller(rc);
        Reply.ok(rc, () -> rules.save(caller, path, Params.body(rc, Save.class).text()));
    }

    private void validate(RoutingContext rc) {
        Reply.stateless(
                rc,
                () -> {
                    Validate body = Params.body(rc, Validate.class);
                    return rules.validate(body.file(), body.text());
                });
    }

    private void playbook(RoutingContext rc) {
        String id = Params.path(rc, "id");
        Reply.stateless(rc, () -> rules.playbook(id));
    }
}
