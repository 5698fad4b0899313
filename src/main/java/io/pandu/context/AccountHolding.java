package io.pandu.context;

import io.pandu.facts.Days;
import io.pandu.facts.Deal;
import io.pandu.playbook.Stage;
import java.time.LocalDate;

/**
 * One deal on an account as account-wide rules see it, whichever team owns the deal: a run
 * evaluates one team at a time, and an account's deals in other teams are context the rules match
 * on (what the account bought, what is open on it) but never a target of guidance. Every deal of
 * the fact set with an account is one, and so is every deal of {@code FactSet.accountDeals}.
 */
public final class AccountHolding {
    private final String accountId;
    private final String dealId;
    private final String ownerId;
    private final String product;
    private final Stage.Outcome outcome;
    private final LocalDate closeDate;
    private final int daysSinceClose;

    public AccountHolding(Deal deal, Stage stage, LocalDate asOf) {
        this.accountId = deal.accountId();
        this.dealId = deal.id();
        this.ownerId = deal.ownerId();
        this.product = deal.product();
        this.outcome = stage.outcome();
        this.closeDate = deal.closeDate();
        this.daysSinceClose =
                closeDate == null || stage.isOpen()
                        ? DealContext.NEVER
                        : Days.between(closeDate, asOf);
    }

    public String getAccountId() {
        return accountId;
    }

    public String getDealId() {
        return dealId;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public String getProduct() {
        return product;
    }

    public boolean isWon() {
        return outcome == Stage.Outcome.WON;
    }

    public boolean isOpen() {
        return outcome == Stage.Outcome.OPEN;
    }

    public LocalDate getCloseDate() {
        return closeDate;
    }

    /** Days from the close to as-of; {@link DealContext#NEVER} while open. */
    public int getDaysSinceClose() {
        return daysSinceClose;
    }

    @Override
    public String toString() {
        return "holding " + dealId + " on " + accountId + " (" + product + ", " + outcome + ")";
    }
}
