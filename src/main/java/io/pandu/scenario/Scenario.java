package io.pandu.scenario;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.facts.FactSet;
import java.time.LocalDate;
import java.util.List;

/**
 * A rule author's specification: given these facts as of this date, this guidance is (or is not)
 * produced. Lives beside the rules in {@code rules/<pack>/scenarios/*.yaml}.
 */
public record Scenario(
        String name, LocalDate asOf, FactSet given, Expectations expect, String file) {

    public record Expectations(List<Expected> present, List<Expected> absent) {
        public Expectations {
            present = present == null ? List.of() : List.copyOf(present);
            absent = absent == null ? List.of() : List.copyOf(absent);
        }
    }

    /**
     * One piece of guidance by code and subject; fields left out match anything. {@code kind} is
     * recommendation, alert, insight or finding.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Expected(
            String code,
            String dealId,
            String repId,
            String accountId,
            String territoryId,
            String severity,
            String reasonContains,
            String kind) {

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(code);
            append(sb, "kind", kind);
            append(sb, "dealId", dealId);
            append(sb, "repId", repId);
            append(sb, "accountId", accountId);
            append(sb, "territoryId", territoryId);
            append(sb, "severity", severity);
            append(
                    sb,
                    "reason contains",
                    reasonContains == null ? null : "\"" + reasonContains + "\"");
            return sb.toString();
        }

        private static void append(StringBuilder sb, String name, String value) {
            if (value != null) {
                sb.append(' ').append(name).append('=').append(value);
            }
        }
    }
}
