package io.pandu.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An opportunity as the CRM knows it. {@code stage} is the stage name as written in the source (a
 * playbook stage id or one of its aliases); the evaluator resolves it against the deal's playbook.
 * {@code lostAtStage} is, for a lost deal, the open stage it was in when it was lost (from the
 * CRM's stage history); stage win rates need it, and a lost deal without it is left out of them.
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
        Qualification qualification,
        String lostAtStage) {

    public Deal {
        amount = amount == null ? BigDecimal.ZERO : amount;
        discountPercent = discountPercent == null ? BigDecimal.ZERO : discountPercent;
        closeDatePushes = closeDatePushes == null ? 0 : closeDatePushes;
        FieldChecks.notNegative(closeDatePushes, "closeDatePushes");
        FieldChecks.maxLength(id, FieldChecks.ID, "id");
        FieldChecks.maxLength(name, FieldChecks.LONG_NAME, "name");
        FieldChecks.maxLength(accountId, FieldChecks.ID, "accountId");
        FieldChecks.maxLength(ownerId, FieldChecks.ID, "ownerId");
        FieldChecks.maxLength(playbook, FieldChecks.ID, "playbook");
        FieldChecks.maxLength(product, FieldChecks.ID, "product");
        FieldChecks.maxLength(stage, FieldChecks.ID, "stage");
        FieldChecks.maxLength(competitor, FieldChecks.NAME, "competitor");
        FieldChecks.maxLength(lostAtStage, FieldChecks.ID, "lostAtStage");
        FieldChecks.amount(amount, "amount");
        FieldChecks.percent(discountPercent, "discountPercent");
        FieldChecks.date(createdDate, "createdDate");
        FieldChecks.date(stageEnteredDate, "stageEnteredDate");
        FieldChecks.date(expectedCloseDate, "expectedCloseDate");
        FieldChecks.date(closeDate, "closeDate");
        qualification = qualification == null ? Qualification.NONE : qualification;
    }

    /** A deal whose stage history is not known. */
    public Deal(
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
        this(
                id,
                name,
                accountId,
                ownerId,
                playbook,
                product,
                stage,
                amount,
                discountPercent,
                createdDate,
                stageEnteredDate,
                expectedCloseDate,
                closeDate,
                competitor,
                closeDatePushes,
                qualification,
                null);
    }

    /** The same deal following another playbook (for data that names none, e.g. a CRM export). */
    public Deal withPlaybook(String playbookId) {
        return new Deal(
                id,
                name,
                accountId,
                ownerId,
                playbookId,
                product,
                stage,
                amount,
                discountPercent,
                createdDate,
                stageEnteredDate,
                expectedCloseDate,
                closeDate,
                competitor,
                closeDatePushes,
                qualification,
                lostAtStage);
    }

    public boolean hasCompetitor() {
        return competitor != null && !competitor.isBlank();
    }
}
