package io.pandu.playbook;

import java.util.List;
import java.util.Locale;

/**
 * One stage of a methodology. {@code aliases} let CRM stage names (e.g. Maven CRM's "Engaging") map
 * onto it; {@code exitCriteria} name qualification fields ({@code economicBuyer}) or {@code
 * activity:<type>} requirements that must hold before the deal moves on.
 */
public record Stage(
        String id,
        String name,
        List<String> aliases,
        Integer maxDays,
        List<String> entryCriteria,
        List<String> exitCriteria,
        List<String> plays,
        Outcome outcome) {

    public enum Outcome {
        OPEN,
        WON,
        LOST;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Outcome fromJson(String value) {
            for (Outcome o : values()) {
                if (o.name().equalsIgnoreCase(value)) {
                    return o;
                }
            }
            throw new IllegalArgumentException(
                    "unknown outcome \"" + value + "\" (expected open, won or lost)");
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Stage {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        entryCriteria = entryCriteria == null ? List.of() : List.copyOf(entryCriteria);
        exitCriteria = exitCriteria == null ? List.of() : List.copyOf(exitCriteria);
        plays = plays == null ? List.of() : List.copyOf(plays);
        outcome = outcome == null ? Outcome.OPEN : outcome;
        name = name == null ? id : name;
    }

    public boolean isOpen() {
        return outcome == Outcome.OPEN;
    }

    /** Whether a CRM stage name denotes this stage (id, name or alias; case-insensitive). */
    public boolean answersTo(String crmStage) {
        if (crmStage == null) {
            return false;
        }
        if (crmStage.equalsIgnoreCase(id) || crmStage.equalsIgnoreCase(name)) {
            return true;
        }
        return aliases.stream().anyMatch(crmStage::equalsIgnoreCase);
    }
}
