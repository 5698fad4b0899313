package io.pandu.guidance;

import java.util.List;

/** The rule whose consequence is running, with its metadata and the facts it matched. */
public record FiredRule(
        RuleRef rule, int priority, String playId, String title, List<String> facts) {}
