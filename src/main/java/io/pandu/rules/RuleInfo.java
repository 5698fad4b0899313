package io.pandu.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** What the rule set knows about one rule: where it is and the metadata its author gave it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleInfo(
        String name,
        String pack,
        String file,
        Integer line,
        String category,
        int priority,
        String playId,
        String title,
        String explanation,
        Map<String, String> metadata) {

    public static final int DEFAULT_PRIORITY = 50;
}
