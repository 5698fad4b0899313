package io.pandu.coaching;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.guidance.RuleRef;
import io.pandu.guidance.Severity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A stored coaching alert. {@code dedupKey} is the code plus the subject (the deal, or the rep);
 * {@code holds} says whether the latest evaluation run still raised it. The rule and matched facts
 * are the "why". {@code valueAtStake} is the money it is about (the deal's amount, a rep's open
 * pipeline); {@code resolvedAsOf} the pipeline date a manager resolved it on, from which the
 * cool-off before it re-opens counts; {@code surfacedOn} the day the inbox put it on top.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        long id,
        String code,
        String dedupKey,
        AlertStatus status,
        boolean holds,
        Severity severity,
        int priority,
        String title,
        String reason,
        String repId,
        String managerId,
        String dealId,
        String accountId,
        RuleRef rule,
        List<String> facts,
        Instant raisedAt,
        Long raisedRunId,
        Instant lastSeenAt,
        Long lastSeenRunId,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String resolvedBy,
        String resolution,
        BigDecimal valueAtStake,
        LocalDate resolvedAsOf,
        LocalDate surfacedOn) {

    /** What the inbox orders by: severity (1 low to 4 critical) times the value at stake. */
    public double attention() {
        return (severity.ordinal() + 1) * valueAtStake.doubleValue();
    }
}
