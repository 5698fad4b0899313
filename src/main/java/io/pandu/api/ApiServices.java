package io.pandu.api;

import io.pandu.actions.NextBestActions;
import io.pandu.auth.Users;
import io.pandu.coaching.Alerts;
import io.pandu.effect.Effectiveness;
import io.pandu.evaluate.EvaluateService;
import io.pandu.explain.WhyNot;
import io.pandu.health.HealthCheck;
import io.pandu.ingest.Importer;
import io.pandu.kpi.RepKpis;
import io.pandu.metrics.PanduMetrics;
import io.pandu.pipeline.Pipeline;
import io.pandu.preview.Previews;
import io.pandu.runs.EvaluationRuns;
import io.pandu.studio.RuleStudio;
import io.pandu.territory.Territories;
import io.pandu.versions.RuleDrafts;
import io.pandu.versions.RuleVersions;
import java.time.Clock;

/**
 * The services the HTTP layer calls, handed to it by the composition root; each route class takes
 * the one or two it needs. {@code clock} is the service's one wall clock (token expiry).
 */
public record ApiServices(
        Clock clock,
        PanduMetrics metrics,
        HealthCheck health,
        Users users,
        EvaluateService evaluate,
        NextBestActions actions,
        Pipeline pipeline,
        Importer importer,
        RuleStudio rules,
        Alerts alerts,
        EvaluationRuns runs,
        RepKpis kpis,
        Uploads uploads,
        WhyNot whyNot,
        Effectiveness effectiveness,
        RuleVersions versions,
        RuleDrafts drafts,
        Previews previews,
        Territories territories) {}
