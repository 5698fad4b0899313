package io.pandu.guidance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A next-best-action for a rep, usually on one deal, with the rule and facts that explain it. */
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
        List<String> facts) {}
