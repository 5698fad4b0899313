package io.pandu.facts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Whole days between two dates; the one place "days since" is computed. */
public final class Days {
    private Days() {
    }

    public static int between(LocalDate from, LocalDate to) {
        return (int) ChronoUnit.DAYS.between(from, to);
    }
}
