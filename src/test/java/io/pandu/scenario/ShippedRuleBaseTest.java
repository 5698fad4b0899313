package io.pandu.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.playbook.Playbook;
import io.pandu.playbook.PlaybookLoader;
import io.pandu.rules.RuleRegistry;
import io.pandu.testing.TestClocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reference rule base keeps its own quality bar: what every pack must have, checked on every
 * build.
 */
class ShippedRuleBaseTest {
    private static final Path RULES = Path.of("rules");
    private static final Pattern CODE = Pattern.compile("guidance\\.\\w+\\(\\s*\"([A-Z_]+)\"");
    private static final Pattern PARAM = Pattern.compile("param\\(\"(\\w+)\"\\)");

    /** The codes the reference rule base promises (issue #3). */
    private static final Set<String> REQUIRED =
            Set.of(
                    "REENGAGE_STALE_DEAL",
                    "IDENTIFY_ECONOMIC_BUYER",
                    "FIND_CHAMPION",
                    "CONFIRM_CLOSE_DATE",
                    "ENGAGE_EXEC_SPONSOR",
                    "REVIEW_BATTLECARD",
                    "SCHEDULE_DEMO",
                    "COMPLETE_EXIT_CRITERIA",
                    "PRODUCT_TRAINING",
                    "CROSS_SELL",
                    "DEAL_STALLED_IN_STAGE",
                    "REP_INACTIVE",
                    "DISCOUNT_NEEDS_APPROVAL",
                    "LOW_WIN_RATE",
                    "LOW_PIPELINE_COVERAGE",
                    "RAMP_BEHIND",
                    "SHADOW_TOP_PERFORMER",
                    "CLOSE_DATE_SLIPPING",
                    "SALES_TRAINING",
                    "COMMISSION_ESTIMATE",
                    "ACCELERATOR_WITHIN_REACH",
                    "SPIF_ELIGIBLE",
                    "DISCOUNT_COSTS_COMMISSION",
                    "ACCOUNT_TERRITORY",
                    "OWNER_OUTSIDE_TERRITORY",
                    "SUGGEST_OWNER",
                    "TERRITORY_IMBALANCE",
                    "FORECAST_CATEGORY");

    @Test
    void everyCodeHasAScenarioWhereItFiresAndOneWhereItStaysQuiet() throws IOException {
        Set<String> codes = matches(CODE, ".drl");
        Set<String> notRaised = new TreeSet<>(REQUIRED);
        notRaised.removeAll(codes);
        assertEquals(Set.of(), notRaised, "codes no shipped rule raises");
        Set<String> present = new TreeSet<>();
        Set<String> absent = new TreeSet<>();
        for (Path file : ScenarioRunner.files(RULES)) {
            for (Scenario s : ScenarioRunner.read(file, file.toString())) {
                s.expect().present().forEach(e -> present.add(e.code()));
                s.expect().absent().forEach(e -> absent.add(e.code()));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String code : codes) {
            if (!present.contains(code)) {
                missing.add(code + " never expected present");
            }
            if (!absent.contains(code)) {
                missing.add(code + " has no near-miss (never expected absent)");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyPlaybookDefinesEveryParameterTheRulesRead() throws IOException {
        Set<String> used = matches(PARAM, ".drl");
        assertFalse(used.isEmpty());
        PlaybookLoader.Result loaded = new PlaybookLoader().load(Path.of("playbooks"));
        assertTrue(loaded.ok(), loaded.diagnostics().toString());
        for (Playbook playbook : loaded.library().playbooks()) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(playbook.parameters().keySet());
            assertEquals(
                    Set.of(),
                    missing,
                    "playbook " + playbook.id() + " lacks parameters the rules read");
        }
    }

    @Test
    void theShippedRulesBuildWithoutAWarning() {
        try (RuleRegistry registry =
                new RuleRegistry(RULES, Path.of("playbooks"), TestClocks.fixed())) {
            RuleRegistry.ReloadOutcome outcome = registry.reload();
            assertTrue(outcome.ok(), outcome.diagnostics().toString());
            assertEquals(
                    List.of(),
                    outcome.diagnostics(),
                    "every rule has @category and @priority, every file loads");
        }
    }

    private static Set<String> matches(Pattern pattern, String suffix) throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(RULES)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(suffix)).toList()) {
                Matcher m = pattern.matcher(Files.readString(p));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }
}
