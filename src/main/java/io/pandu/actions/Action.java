package io.pandu.actions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.guidance.RuleRef;
import io.pandu.guidance.ScoreFactors;
import java.math.BigDecimal;
import java.util.List;

/**
 * A next-best-action for a rep, ranked by {@code score}, with its why: the rule that recommends it,
 * the reason with the numbers, the matched facts, the play to run and the factors of the score
 * ({@code scoreFactors}: priority × value × urgency = total). An action on a deal carries the
 * deal's value ({@code dealValue}) and, when the rep has a quota and the rules a commission plan,
 * what closing the deal earns ({@code earnings}, the incentive rules' figure). {@code
 * moreLikeThis}, on the last card of a code, counts the actions of that code the per-code cap held
 * back. {@code id} is stable (a hash of rep, code and subject), so feedback can refer to it across
 * evaluations.
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
        int subjectVersion,
        ScoreFactors scoreFactors,
        BigDecimal dealValue,
        BigDecimal earnings,
        Integer moreLikeThis) {

    public Action withMoreLikeThis(int more) {
        return new Action(
                id,
                code,
                title,
                reason,
                repId,
                dealId,
                dealName,
                accountId,
                playId,
                priority,
                score,
                rule,
                facts,
                subjectVersion,
                scoreFactors,
                dealValue,
                earnings,
                more);
    }
}
