package io.pandu.guidance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * Something a manager should coach a rep on, raised by a rule. {@code valueAtStake} is the money
 * the alert is about: the deal's amount, or for an alert about a rep their open pipeline.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoachingAlert(
        String code,
        String title,
        String reason,
        String repId,
        String managerId,
        String dealId,
        String accountId,
        Severity severity,
        int priority,
        RuleRef rule,
        List<String> facts,
        BigDecimal valueAtStake) {}
