package io.pandu.guidance;

/**
 * Which rule produced a piece of guidance: the "why" that the UI and API show next to it. An item
 * no rule file raised (the rules' automatic fall-back) has no file or line.
 */
@com.fasterxml.jackson.annotation.JsonInclude(
        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record RuleRef(String name, String file, Integer line, String category) {}
