package io.pandu.guidance;

/** Which rule produced a piece of guidance: the "why" that the UI and API show next to it. */
public record RuleRef(String name, String file, Integer line, String category) {}
