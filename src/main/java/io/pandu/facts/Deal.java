package io.pandu.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An opportunity as the CRM knows it. {@code stage} is the stage name as written in the source
 * (a playbook stage id or one of its aliases); the evaluator resolves it against the deal's playbook.
 */
public record Deal(
        String id,
        String name,
        String accountId,
        String ownerId,
        String playbook,
        String product,
        String stage,
        BigDecimal amount,
        BigDecimal discountPercent,
        LocalDate createdDate,
        LocalDate stageEnteredDate,
        LocalDate expectedCloseDate,
        LocalDate closeDate,
        String competitor,
        Integer closeDatePushes,
        Qualification qualification) {

    public Deal {
        amount = amount == null ? BigDecimal.ZERO : amount;
        discountPercent = discountPercent == null ? BigDecimal.ZERO : discountPercent;
        closeDatePushes = closeDatePushes == null ? 0 : closeDatePushes;
        qualification = qualification == null ? Qualification.NONE : qualification;
    }

    public boolean hasCompetitor() {
        return competitor != null && !competitor.isBlank();
    }
}
