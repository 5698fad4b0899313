package io.pandu.guidance;

/**
 * The factors of a recommendation's score, as returned in its why: {@code total = priority × value
 * × urgency} rounded to two decimals ({@link Scoring} says how each factor is computed).
 */
public record ScoreFactors(int priority, double value, double urgency, double total) {}
