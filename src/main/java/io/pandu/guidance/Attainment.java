package io.pandu.guidance;

import java.math.BigDecimal;

/**
 * Where a rep stands against quota this calendar year: won this year, the quota and their share
 * (1.0 = quota). Shown on My day next to what the top actions are worth.
 */
public record Attainment(BigDecimal quota, BigDecimal wonThisYear, double share) {}
