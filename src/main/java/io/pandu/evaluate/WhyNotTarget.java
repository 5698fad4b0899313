package io.pandu.evaluate;

/**
 * The deal a "why not" question is about, as a fact: every probe rule joins on it, so the probes
 * only match (and only fire) for that deal, however many deals the team's session holds.
 */
public record WhyNotTarget(String dealId) {}
