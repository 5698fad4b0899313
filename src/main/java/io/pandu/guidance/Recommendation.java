package io.pandu.guidance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A next-best-action for a rep, usually on one deal, with the rule and facts that explain it, the
 * factors of its score, the deal's value and expected close, what closing the deal earns the rep
 * ({@code earnings}, from the incentive rules' commission estimate; absent without quota and plan)
 * and, on the last card of a code the per-code cap cut, how many more like it were held back
 * ({@code moreLikeThis}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recommendation(
        String code,
        String title,
        String reason,
        String dealId,
        String repId,
        String accountId,
        String playId,
        int priority,
        double score,
        RuleRef rule,
        List<String> facts,
        ScoreFactors scoreFactors,
        BigDecimal dealValue,
        LocalDate expectedClose,
        BigDecimal earnings,
        Integer moreLikeThis) {

    /** A recommendation as a rule raises it: no earnings or cap note yet. */
    public Recommendation(
            String code,
            String title,
            String reason,
            String dealId,
            String repId,
            String accountId,
            String playId,
            ScoreFactors factors,
            RuleRef rule,
            List<String> facts,
            BigDecimal dealValue,
            LocalDate expectedClose) {
        this(
                code,
                title,
                reason,
                dealId,
                repId,
                accountId,
                playId,
                factors.priority(),
                factors.total(),
                rule,
                facts,
                factors,
                dealValue,
                expectedClose,
                null,
                null);
    }

    public Recommendation withEarnings(BigDecimal amount) {
        return new Recommendation(
                code,
                title,
                reason,
                dealId,
                repId,
                accountId,
                playId,
                priority,
                score,
                rule,
                facts,
                scoreFactors,
                dealValue,
                expectedClose,
                amount,
                moreLikeThis);
    }

    public Recommendation withMoreLikeThis(int more) {
        return new Recommendation(
                code,
                title,
                reason,
                dealId,
                repId,
                accountId,
                playId,
                priority,
                score,
                rule,
                facts,
                scoreFactors,
                dealValue,
                expectedClose,
                earnings,
                more);
    }
}
