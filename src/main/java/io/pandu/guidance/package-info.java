/**
 * What the rules produce, as explicit types (Recommendation, CoachingAlert, IncentiveInsight,
 * TerritoryFinding), each with the rule and facts behind it, and the collector rules write to.
 * Depends on facts and context only.
 */
package io.pandu.guidance;
