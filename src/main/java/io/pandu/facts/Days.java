package io.pandu.facts;

import java.time.LocalDate;

/** Whole days between two dates; the one place "days since" is computed. */
public final class Days {
    private Days() {}

    public static int between(LocalDate from, LocalDate to) {
        return (int)
                (to.toEpochDay()
                        - from.toEpochDay()); // ChronoUnit.DAYS.between, without its dispatch
    }
}
