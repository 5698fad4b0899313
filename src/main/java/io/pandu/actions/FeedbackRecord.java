package io.pandu.actions;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Stored feedback; {@code subjectVersion} is the deal's (or, for rep-level actions, the rep's)
 * version then, {@code factsFingerprint} a hash of the facts in the action's why then (null on
 * feedback given before fingerprints), {@code asOf} the pipeline's as-of date it was given on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedbackRecord(
        long id,
        String actionId,
        String repId,
        String dealId,
        String code,
        FeedbackKind kind,
        String reason,
        LocalDate until,
        int subjectVersion,
        Instant at,
        String by,
        String factsFingerprint,
        LocalDate asOf) {}
