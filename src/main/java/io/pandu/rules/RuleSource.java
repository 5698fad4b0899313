package io.pandu.rules;

/**
 * One file of a rule set, as DRL. Decision tables are compiled to DRL on load so that the same
 * safety policy and diagnostics apply to them; {@code generated} says the DRL is not the file's own
 * text.
 */
public record RuleSource(String file, String drl, boolean generated, byte[] content) {}
