package io.pandu.api;

import io.pandu.actions.Feedback;
import io.pandu.actions.FeedbackKind;
import io.pandu.actions.NextBestActions;
import io.pandu.auth.Caller;
import io.pandu.evaluate.EvaluateService;
import io.pandu.facts.FactSet;
import io.pandu.guidance.IncentiveInsight;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.LocalDate;
import java.util.List;

/**
 * Guidance: stateless evaluation of a posted fact set; a rep's next-best-actions and incentive
 * insights from the stored pipeline; feedback on actions.
 */
final class GuidanceRoutes {
    private final EvaluateService evaluate;
    private final NextBestActions actions;

    record Insights(String repId, List<IncentiveInsight> insights) {}

    /** The feedback body: {@link Feedback} plus whose action it is, for a manager, ops or admin. */
    record FeedbackBody(FeedbackKind kind, String reason, LocalDate until, String repId) {}

    GuidanceRoutes(EvaluateService evaluate, NextBestActions actions) {
        this.evaluate = evaluate;
        this.actions = actions;
    }

    void mount(RouterBuilder api) {
        api.getRoute("evaluate")
                .addHandler(
                        rc ->
                                Reply.stateless(
                                        rc,
                                        () -> evaluate.evaluate(Params.body(rc, FactSet.class))));
        api.getRoute("myNextBestActions")
                .addHandler(Handlers.forCaller(caller -> nextBestActions(caller, caller.repId())));
        api.getRoute("repNextBestActions")
                .addHandler(
                        rc -> {
                            Caller caller = Access.caller(rc);
                            String repId = Params.path(rc, "id");
                            var asOf = Params.queryDate(rc, "asOf");
                            Reply.ok(rc, () -> actions.forRep(caller, repId, asOf));
                        });
        api.getRoute("dealNextBestActions").addHandler(Handlers.byId(actions::forDeal));
        api.getRoute("myIncentiveInsights")
                .addHandler(Handlers.forCaller(caller -> insights(caller, caller.repId())));
        api.getRoute("repIncentiveInsights").addHandler(Handlers.byId(this::insights));
        api.getRoute("actionFeedback").addHandler(this::feedback);
        api.getRoute("undoActionFeedback").addHandler(this::undo);
        api.getRoute("myFeedback")
                .addHandler(
                        Handlers.forCaller(
                                caller -> actions.feedbackHistory(caller, caller.repId())));
        api.getRoute("repFeedback").addHandler(Handlers.byId(actions::feedbackHistory));
    }

    private NextBestActions.RepActions nextBestActions(Caller caller, String repId) {
        return actions.forRep(caller, repId);
    }

    private Insights insights(Caller caller, String repId) {
        return new Insights(repId, actions.insights(caller, repId));
    }

    /** A rep undoes their own feedback; anyone else names the rep in {@code ?repId=}. */
    private void undo(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String actionId = Params.path(rc, "id");
        String named = Params.query(rc, "repId");
        String repId = named != null ? named : caller.repId();
        Reply.ok(rc, () -> actions.undo(caller, repId == null ? "" : repId, actionId));
    }

    private void feedback(RoutingContext rc) {
        Caller caller = Access.caller(rc);
        String actionId = Params.path(rc, "id");
        Reply.ok(
                rc,
                () -> {
                    FeedbackBody body = Params.body(rc, FeedbackBody.class);
                    String repId = body.repId() != null ? body.repId() : caller.repId();
                    return actions.feedback(
                            caller,
                            repId == null ? "" : repId,
                            actionId,
                            new Feedback(body.kind(), body.reason(), body.until()));
                });
    }
}
