package io.pandu.runs;

/** How often one rule ({@code package.name}) fired in a run. */
public record RuleFiring(String rule, int firings) {}
