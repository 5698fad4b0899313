package io.pandu.coaching;

import io.pandu.facts.Parameter;
import io.pandu.rules.RuleSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.kie.api.runtime.KieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lifecycle's thresholds, which sales ops set as team parameters of the rule set ({@code
 * rules/parameters/team-parameters.drl.csv}) like the rules' own: {@code alertBudgetPerDay} (new
 * alerts the inbox surfaces on top per manager and day, default 15) and {@code
 * alertReopenCoolOffDays} (days of the pipeline calendar after which an alert resolved by hand
 * whose condition still holds re-opens, default 14). A rule set without them gets the defaults.
 */
public record AlertSettings(int budgetPerDay, int reopenCoolOffDays) {
    private static final Logger LOG = LoggerFactory.getLogger(AlertSettings.class);
    public static final AlertSettings DEFAULTS = new AlertSettings(15, 14);

    public AlertSettings {
        if (budgetPerDay < 0 || reopenCoolOffDays < 0) {
            throw new IllegalArgumentException(
                    "alertBudgetPerDay and alertReopenCoolOffDays must not be negative");
        }
    }

    static AlertSettings of(Map<String, Double> parameters) {
        return new AlertSettings(
                (int)
                        Math.round(
                                parameters.getOrDefault(
                                        "alertBudgetPerDay", (double) DEFAULTS.budgetPerDay)),
                (int)
                        Math.round(
                                parameters.getOrDefault(
                                        "alertReopenCoolOffDays",
                                        (double) DEFAULTS.reopenCoolOffDays)));
    }

    /**
     * The settings of the current rule set, read once per rule-set version (a reload that changes a
     * parameter changes them).
     */
    public static Supplier<AlertSettings> from(Supplier<RuleSet> rules) {
        Map<String, AlertSettings> byVersion = new HashMap<>();
        return () -> {
            RuleSet set;
            try {
                set = rules.get();
            } catch (RuntimeException e) {
                return DEFAULTS; // no rules loaded (an import-only Pandu)
            }
            synchronized (byVersion) {
                AlertSettings known = byVersion.get(set.version());
                if (known == null) {
                    known = of(parameters(set));
                    byVersion.clear(); // only the current version's are kept
                    byVersion.put(set.version(), known);
                }
                return known;
            }
        };
    }

    /**
     * The team parameters a rule set inserts: its rules of category "parameters" fired on an empty
     * session (they match nothing but insert their {@link Parameter}).
     */
    static Map<String, Double> parameters(RuleSet set) {
        Map<String, Double> found = new HashMap<>();
        KieSession session = set.rules().kieBase().newKieSession();
        try {
            session.fireAllRules(
                    match ->
                            "parameters"
                                    .equals(
                                            unquoted(
                                                    match.getRule().getMetaData().get("category"))),
                    1_000);
            for (Object o : session.getObjects(o -> o instanceof Parameter)) {
                Parameter p = (Parameter) o;
                found.put(p.name(), p.value());
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "could not read the team parameters of rule set {}: {}",
                    set.version(),
                    e.toString());
        } finally {
            session.dispose();
        }
        return found;
    }

    private static String unquoted(Object value) {
        String s = String.valueOf(value);
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
                ? s.substring(1, s.length() - 1)
                : s;
    }
}
