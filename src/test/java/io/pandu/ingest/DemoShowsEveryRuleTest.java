package io.pandu.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.evaluate.Evaluation;
import io.pandu.evaluate.EvaluationSettings;
import io.pandu.evaluate.Evaluator;
import io.pandu.facts.FactSet;
import io.pandu.rules.RuleRegistry;
import io.pandu.scenario.GuidanceItem;
import io.pandu.testing.RuleFixtures;
import io.pandu.testing.TestClocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The demo shows every rule: each code the shipped rules can raise (read from rules/**, DRL and
 * decision tables alike) is raised at least once on the enriched Maven CRM demo as of 2017-12-31,
 * or docs/RULES-ON-MAVEN-CRM.md says, under "Codes the demo cannot raise", why it cannot.
 */
class DemoShowsEveryRuleTest {
    static final Path DEMO = Path.of("src/main/resources/demo/maven-crm");
    static final LocalDate AS_OF = LocalDate.of(2017, 12, 31);
    private static final Pattern CODE = Pattern.compile("guidance\\.\\w+\\(\\s*\"{1,2}([A-Z_]+)\"");
    private static final Pattern EXPLAINED = Pattern.compile("^- `([A-Z_]+)`: \\S.*");
    private static final String SECTION = "## Codes the demo cannot raise";

    @Test
    void everyShippedCodeFiresOnTheEnrichedDemoOrTheDocSaysWhyNot() throws IOException {
        Set<String> codes = shippedCodes();
        assertTrue(codes.size() >= 25, "the parser found the shipped codes: " + codes);
        Map<String, Integer> fired = firingsPerCode(enrichedDemo());
        Set<String> explained = explainedInDoc();
        List<String> problems = new ArrayList<>();
        for (String code : codes) {
            int n = fired.getOrDefault(code, 0);
            if (n == 0 && !explained.contains(code)) {
                problems.add(code + " never fires on the demo and the doc does not say why");
            }
            if (n > 0 && explained.contains(code)) {
                problems.add(code + " fires " + n + " times, but the doc says it cannot");
            }
        }
        explained.stream()
                .filter(c -> !codes.contains(c))
                .forEach(c -> problems.add(c + " is explained in the doc but no rule raises it"));
        assertEquals(List.of(), problems, "firings per code on the demo: " + fired);
    }

    @Test
    void theEnrichmentWakesRulesThatWereSilentOnThePublishedData() {
        Map<String, Integer> before = firingsPerCode(published());
        Map<String, Integer> after = firingsPerCode(enrichedDemo());
        for (String code :
                List.of(
                        "RAMP_BEHIND",
                        "SHADOW_TOP_PERFORMER",
                        "COMMISSION_ESTIMATE",
                        "ACCELERATOR_WITHIN_REACH",
                        "REVIEW_BATTLECARD",
                        "CONFIRM_CLOSE_DATE",
                        "CLOSE_DATE_SLIPPING",
                        "DISCOUNT_NEEDS_APPROVAL",
                        "OWNER_OUTSIDE_TERRITORY",
                        "SUGGEST_OWNER")) {
            assertEquals(0, before.getOrDefault(code, 0), code + " before: " + before);
            assertTrue(after.getOrDefault(code, 0) > 0, code + " after: " + after);
        }
    }

    /** Every code the guidance of an uncapped evaluation holds, with how often. */
    static Map<String, Integer> firingsPerCode(FactSet facts) {
        try (RuleRegistry registry = RuleFixtures.loaded(Path.of("rules"), Path.of("playbooks"))) {
            Evaluator evaluator =
                    new Evaluator(
                            registry::current,
                            EvaluationSettings.DEFAULTS.uncapped(),
                            TestClocks.fixed());
            Evaluation evaluation = evaluator.evaluate(facts);
            Map<String, Integer> counts = new TreeMap<>();
            for (GuidanceItem item : GuidanceItem.all(evaluation.guidance())) {
                counts.merge(item.code(), 1, Integer::sum);
            }
            return counts;
        }
    }

    static FactSet published() {
        return new MavenCrmReader().read(DEMO, AS_OF).facts().withAsOf(AS_OF);
    }

    static FactSet enrichedDemo() {
        return DemoEnrichment.enrich(published()).facts();
    }

    /** The codes raised by the shipped rules (guidance.alert("CODE", ...) and the like). */
    static Set<String> shippedCodes() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("rules"))) {
            for (Path f :
                    files.filter(
                                    p ->
                                            p.toString().endsWith(".drl")
                                                    || p.toString().endsWith(".csv"))
                            .toList()) {
                Matcher m = CODE.matcher(Files.readString(f));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        return codes;
    }

    private static Set<String> explainedInDoc() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/RULES-ON-MAVEN-CRM.md"));
        int start = lines.indexOf(SECTION);
        assertTrue(start >= 0, "the doc has a section \"" + SECTION + "\"");
        Set<String> explained = new TreeSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher m = EXPLAINED.matcher(line);
            if (m.matches()) {
                explained.add(m.group(1));
            }
        }
        return explained;
    }
}
