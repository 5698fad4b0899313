package io.pandu.api;

import io.pandu.actions.Action;
import io.pandu.actions.Feedback;
import io.pandu.actions.FeedbackKind;
import io.pandu.actions.NextBestActions;
import io.pandu.auth.Caller;
import io.pandu.guidance.IncentiveInsight;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;

import java.time.LocalDate;
import java.util.List;

/** A rep's next-best-actions and incentive insights from the stored pipeline, and feedback on actions. */
final class ActionRoutes {
    private final NextBestActions actions;

    record Actions(String repId, List<Action> actions) {
    }

    record Insights(String repId, List<IncentiveInsight> insights) {
    }

    /** The feedback body: {@link Feedback} plus whose action it is, for a manager, ops or admin. */
    record FeedbackBody(FeedbackKind kind, String reason, LocalDate until, String repId) {
    }

    ActionRoutes(Backend backend) {
        this.actions = backend.services().actions();
    }

    void mount(RouterBuilder api) {
        api.getRoute("myNextBestActions").addHandler(rc -> nextBestActions(rc, Access.caller(rc).repId()));
        api.getRoute("repNextBestActions").addHandler(rc -> nextBestActions(rc, Params.path(rc, "id")));
        api.getRoute("myIncentiveInsights").addHandler(rc -> insights(rc, Access.caller(rc).repId()));
        api.getRoute("repIncentiveInsights").addHandler(rc -> insights(rc, Params.path(rc, "id")));
        api.getRoute("actionFeedback").addHandler(this::feedback);
    }

    private void nextBestActions(RoutingContext rc, String repId) {
        Caller caller = Access.caller(rc);
        Reply.ok(rc, () -> new Actions(repId, actions.forRep(caller, repId)));
    }

    private void insights(RoutingContext rc, String repId) {
        Caller caller = Access.caller(rc);
        Reply.ok(rc, () -> new Insights(repId, actions.insights(caller, repId)));
    }

    private void feedback(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String actionId = Params.path(rc, "id");
        Reply.ok(rc, () -> {
            FeedbackBody body = Params.body(rc, FeedbackBody.class);
            String repId = body.repId() != null ? body.repId() : caller.repId();
            return actions.feedback(caller, repId == null ? "" : repId, actionId,
                    new Feedback(body.kind(), body.reason(), body.until()));
        });
    }
}
