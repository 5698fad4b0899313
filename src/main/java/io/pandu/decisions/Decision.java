package io.pandu.decisions;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One guidance item as computed: about a deal ({@code dealId}) or a rep's advice about no deal, its
 * code and rule, the rule-set version and the pipeline's as-of date it was computed on, the deal's
 * playbook as stored (null: the default one) and whether it was held out from the rep. As stored it
 * also says when it was first and last computed, and {@code fallbackFrom} names the version its
 * version stood in for when it served because that one failed at run time (null: it was put live).
 */
public record Decision(
        String dealId,
        String repId,
        String code,
        String rule,
        String ruleSetVersion,
        String playbook,
        boolean heldOut,
        LocalDate firstAsOf,
        LocalDate lastAsOf,
        Instant firstComputedAt,
        Instant lastComputedAt,
        String fallbackFrom) {

    public String subjectKey() {
        return Holdout.subjectKey(dealId, repId);
    }
}
