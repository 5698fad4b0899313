package io.pandu.guidance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/** What a deal means for the rep's pay: commission, accelerators, SPIFs, discount cost. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncentiveInsight(
        String code,
        String title,
        String reason,
        String repId,
        String dealId,
        BigDecimal amount,
        int priority,
        RuleRef rule,
        List<String> facts) {}
