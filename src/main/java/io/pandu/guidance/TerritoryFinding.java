package io.pandu.guidance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A finding about territory coverage or account ownership, for sales ops. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TerritoryFinding(
        String code,
        String title,
        String reason,
        String accountId,
        String repId,
        String territoryId,
        String dealId,
        int priority,
        RuleRef rule,
        List<String> facts) {}
