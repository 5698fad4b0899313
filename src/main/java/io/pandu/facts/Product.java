package io.pandu.facts;

import java.math.BigDecimal;

/** A product of the catalogue and its product series (used for cross-sell). */
public record Product(String name, String series, BigDecimal price) {
    public Product {
        FieldChecks.maxLength(name, FieldChecks.ID, "name");
        FieldChecks.maxLength(series, FieldChecks.ID, "series");
        FieldChecks.amount(price, "price");
    }
}
