package io.pandu.facts;

import java.time.LocalDate;

/**
 * A SPIF (sales performance incentive fund) of the incentive plan ({@code
 * rules/incentives/spifs.drl.csv}): a bonus for every deal of {@code product} closed from {@code
 * start} to {@code end}, both included.
 */
public record Spif(String name, String product, LocalDate start, LocalDate end, double bonus) {

    /** For decision-table rows, which write dates as ISO text. */
    public static Spif of(String name, String product, String start, String end, double bonus) {
        return new Spif(name, product, LocalDate.parse(start), LocalDate.parse(end), bonus);
    }

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }
}
