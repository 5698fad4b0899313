package io.pandu.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything one evaluation reasons over. Every "days since" is measured from {@code asOf}, never
 * from the wall clock, so a past pipeline can be replayed.
 */
public record FactSet(
        LocalDate asOf,
        List<Rep> reps,
        List<Deal> deals,
        List<Activity> activities,
        List<Account> accounts,
        List<Territory> territories,
        List<Product> products) {

    public FactSet {
        reps = reps == null ? List.of() : List.copyOf(reps);
        deals = deals == null ? List.of() : List.copyOf(deals);
        activities = activities == null ? List.of() : List.copyOf(activities);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        territories = territories == null ? List.of() : List.copyOf(territories);
        products = products == null ? List.of() : List.copyOf(products);
    }

    public FactSet withAsOf(LocalDate date) {
        return new FactSet(date, reps, deals, activities, accounts, territories, products);
    }
}
