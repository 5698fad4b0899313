package io.pandu.guidance;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.List;

/**
 * The whole result of one evaluation, in a stable order so equal inputs give byte-identical JSON.
 */
@JsonPropertyOrder({
    "ruleSetVersion",
    "asOf",
    "recommendations",
    "coachingAlerts",
    "incentiveInsights",
    "territoryFindings"
})
public record Guidance(
        String ruleSetVersion,
        LocalDate asOf,
        List<Recommendation> recommendations,
        List<CoachingAlert> coachingAlerts,
        List<IncentiveInsight> incentiveInsights,
        List<TerritoryFinding> territoryFindings) {}
