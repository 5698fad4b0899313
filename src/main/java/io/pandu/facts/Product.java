package io.pandu.facts;

import java.math.BigDecimal;

/** A product of the catalogue and its product series (used for cross-sell). */
public record Product(String name, String series, BigDecimal price) {}
