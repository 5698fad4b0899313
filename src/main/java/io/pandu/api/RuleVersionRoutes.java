package io.pandu.api;

import io.pandu.auth.Caller;
import io.pandu.errors.InvalidInputException;
import io.pandu.versions.RuleDrafts;
import io.pandu.versions.RuleVersions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** Versions (diff, rollback) and drafts (files, validate, test, publish) of the rule set. */
final class RuleVersionRoutes {
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String BINARY = "application/octet-stream";

    /** A draft file's path given with its slashes: {@code .../files/rules/playbook/x.drl}. */
    private static final java.util.regex.Pattern SLASHED_FILE =
            java.util.regex.Pattern.compile("^(/api/v1/rules/drafts/[^/]+/files/)([^/].*/.*)$");

    private final RuleVersions versions;
    private final RuleDrafts drafts;

    record Note(String note) {}

    record NewDraft(String baseVersion) {}

    RuleVersionRoutes(RuleVersions versions, RuleDrafts drafts) {
        this.versions = versions;
        this.drafts = drafts;
    }

    void mount(RouterBuilder api) {
        api.getRoute("ruleVersionDiff").addHandler(this::diff);
        api.getRoute("rollbackRuleVersion").addHandler(this::rollback);
        api.getRoute("listRuleDrafts").addHandler(rc -> Reply.ok(rc, drafts::list));
        api.getRoute("createRuleDraft").addHandler(this::create);
        api.getRoute("getRuleDraft")
                .addHandler(rc -> Reply.ok(rc, () -> drafts.get(Params.path(rc, "id"))));
        api.getRoute("deleteRuleDraft")
                .addHandler(
                        rc ->
                                Reply.noContent(
                                        rc,
                                        () -> {
                                            drafts.delete(Params.path(rc, "id"));
                                            return null;
                                        }));
        api.getRoute("getRuleDraftFile").addHandler(this::file);
        api.getRoute("putRuleDraftFile").addHandler(this::put);
        api.getRoute("deleteRuleDraftFile")
                .addHandler(
                        rc ->
                                Reply.ok(
                                        rc,
                                        () ->
                                                drafts.remove(
                                                        Params.path(rc, "id"),
                                                        Params.path(rc, "path"))));
        api.getRoute("validateRuleDraft")
                .addHandler(rc -> Reply.ok(rc, () -> drafts.validate(Params.path(rc, "id"))));
        api.getRoute("testRuleDraft")
                .addHandler(rc -> Reply.ok(rc, () -> drafts.test(Params.path(rc, "id"))));
        api.getRoute("publishRuleDraft").addHandler(this::publish);
    }

    /**
     * Reroutes {@code /api/v1/rules/drafts/{id}/files/rules/playbook/x.drl} to the declared {@code
     * .../files/rules%2Fplaybook%2Fx.drl}, so both spellings reach the same operation with the same
     * role check.
     */
    static void encodeDraftFilePath(RoutingContext rc) {
        java.util.regex.Matcher slashed = SLASHED_FILE.matcher(rc.normalizedPath());
        if (slashed.matches()) {
            rc.reroute(
                    rc.request().method(), slashed.group(1) + slashed.group(2).replace("/", "%2F"));
            return;
        }
        rc.next();
    }

    private void diff(RoutingContext rc) {
        String a = Params.path(rc, "a");
        String b = Params.path(rc, "b");
        Reply.ok(rc, () -> versions.diff(a, b));
    }

    private void rollback(RoutingContext rc) {
        String id = Params.path(rc, "id");
        Caller caller = Access.caller(rc);
        Reply.ok(rc, () -> versions.rollback(caller, id, Params.body(rc, Note.class).note()));
    }

    private void create(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        boolean empty =
                rc.body() == null || rc.body().asString() == null || rc.body().asString().isBlank();
        Reply.json(
                rc,
                () ->
                        drafts.create(
                                caller,
                                empty ? null : Params.body(rc, NewDraft.class).baseVersion()),
                created -> 201);
    }

    private void file(RoutingContext rc) {
        String id = Params.path(rc, "id");
        String path = Params.path(rc, "path");
        // the content type depends on the file; a spreadsheet is bytes
        Reply.bytes(
                rc,
                RuleDrafts.isBinary(path) ? BINARY : TEXT,
                () -> drafts.file(id, path).content());
    }

    private void put(RoutingContext rc) {
        String id = Params.path(rc, "id");
        String path = Params.path(rc, "path");
        String type = rc.request().getHeader("Content-Type");
        Reply.ok(
                rc,
                () -> {
                    if (type == null
                            || !(type.startsWith("text/plain") || type.startsWith(BINARY))) {
                        throw new InvalidInputException(
                                "Content-Type",
                                "send the file as text/plain (or a spreadsheet as application/octet-stream)");
                    }
                    return drafts.put(
                            id, path, rc.body() == null ? null : rc.body().buffer().getBytes());
                });
    }

    private void publish(RoutingContext rc) {
        String id = Params.path(rc, "id");
        Caller caller = Access.caller(rc);
        Reply.ok(rc, () -> drafts.publish(caller, id, Params.body(rc, Note.class).note()));
    }
}
