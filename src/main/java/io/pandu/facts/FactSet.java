package io.pandu.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything one evaluation reasons over. Every "days since" is measured from {@code asOf}, never
 * from the wall clock, so a past pipeline can be replayed. {@code accountDeals} are deals of other
 * teams on these accounts: account-wide rules see them (what an account bought, what is open on
 * it), but no guidance is produced about them; a fact set holding the whole pipeline needs none.
 */
public record FactSet(
        LocalDate asOf,
        List<Rep> reps,
        List<Deal> deals,
        List<Activity> activities,
        List<Account> accounts,
        List<Territory> territories,
        List<Product> products,
        List<Deal> accountDeals) {

    public FactSet {
        reps = reps == null ? List.of() : List.copyOf(reps);
        deals = deals == null ? List.of() : List.copyOf(deals);
        activities = activities == null ? List.of() : List.copyOf(activities);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        territories = territories == null ? List.of() : List.copyOf(territories);
        products = products == null ? List.of() : List.copyOf(products);
        accountDeals = accountDeals == null ? List.of() : List.copyOf(accountDeals);
    }

    /** A fact set with no other team's deals beside it. */
    public FactSet(
            LocalDate asOf,
            List<Rep> reps,
            List<Deal> deals,
            List<Activity> activities,
            List<Account> accounts,
            List<Territory> territories,
            List<Product> products) {
        this(asOf, reps, deals, activities, accounts, territories, products, null);
    }

    public FactSet withAsOf(LocalDate date) {
        return new FactSet(
                date, reps, deals, activities, accounts, territories, products, accountDeals);
    }

    /** The same fact set with other teams' deals on its accounts as context. */
    public FactSet withAccountDeals(List<Deal> others) {
        return new FactSet(asOf, reps, deals, activities, accounts, territories, products, others);
    }
}
