package io.pandu.actions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.guidance.RuleRef;
import java.util.List;

/**
 * A next-best-action for a rep, ranked by {@code score}, with its why: the rule that recommends it,
 * the reason with the numbers, the matched facts and the play to run. {@code id} is stable (a hash
 * of rep, code and deal), so feedback can refer to it across evaluations.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Action(
        String id,
        String code,
        String title,
        String reason,
        String repId,
        String dealId,
        String dealName,
        String accountId,
        String playId,
        int priority,
        double score,
        RuleRef rule,
        List<String> facts,
        int subjectVersion) {}
