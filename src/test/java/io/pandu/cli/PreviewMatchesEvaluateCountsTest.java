package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.app.Pandu;
import io.pandu.facts.DealTimeline;
import io.pandu.facts.FactSet;
import io.pandu.ingest.MavenCrmReader;
import io.pandu.preview.ImpactPreview;
import io.pandu.rules.RuleRegistry;
import io.pandu.store.Team;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's done-when for the impact preview: a draft that changes one threshold (velocity's
 * {@code staleAfterDays} 7 → 90) is previewed against the shipped rules, and for every code the
 * preview's added minus removed equals the difference of two {@code pandu evaluate --counts} runs,
 * one per version, over the same data.
 */
class PreviewMatchesEvaluateCountsTest {
    private static final String DATA = "src/main/resources/demo/maven-crm";
    private static final String AS_OF = "2017-09-30";
    private static final Pattern COUNT_LINE =
            Pattern.compile(
                    "^([A-Z][A-Z0-9_]+)\\s+(recommendation|alert|insight|finding|mixed)\\s+(\\d+)\\s");

    @TempDir Path tmp;

    @Test
    void addedMinusRemovedPerCodeEqualsTheCliCountsOfBothVersions() throws Exception {
        Path draftRules = tmp.resolve("rules");
        Path draftPlaybooks = tmp.resolve("playbooks");
        copy(Path.of("rules"), draftRules);
        copy(Path.of("playbooks"), draftPlaybooks);
        Path velocity = draftPlaybooks.resolve("velocity.yaml");
        String yaml = Files.readString(velocity);
        assertTrue(yaml.contains("staleAfterDays: 7"), "the shipped velocity playbook changed");
        Files.writeString(velocity, yaml.replace("staleAfterDays: 7", "staleAfterDays: 90"));

        Map<String, Integer> live = counts("rules", "playbooks");
        Map<String, Integer> draft = counts(draftRules.toString(), draftPlaybooks.toString());

        Clock clock = Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC);
        // the pipeline as it was on as-of, as `pandu evaluate --as-of` takes it
        FactSet facts =
                DealTimeline.asOf(
                        new MavenCrmReader().read(Path.of(DATA), LocalDate.parse(AS_OF)).facts(),
                        LocalDate.parse(AS_OF));
        try (Pandu pandu = Pandu.with(clock).rules(Path.of("rules"), Path.of("playbooks")).open();
                RuleRegistry candidate = Pandu.registry(draftRules, draftPlaybooks, clock)) {
            assertTrue(candidate.reload().ok(), "the draft builds");
            // one team holding everything: the CLI evaluates the data set as one fact set too
            ImpactPreview.Result result =
                    new ImpactPreview(pandu.evaluator(), 2)
                            .compare(
                                    List.of(new Team("all", null, facts)),
                                    pandu.registry().current(),
                                    candidate.current(),
                                    done -> {});

            Set<String> codes = new HashSet<>(live.keySet());
            codes.addAll(draft.keySet());
            Map<String, ImpactPreview.Counts> byCode = new TreeMap<>();
            result.byCode().forEach(c -> byCode.put(c.key(), c));
            int changedCodes = 0;
            for (String code : codes) {
                int expected = draft.getOrDefault(code, 0) - live.getOrDefault(code, 0);
                ImpactPreview.Counts c = byCode.get(code);
                int net = c == null ? 0 : c.added() - c.removed();
                assertEquals(expected, net, code + ": " + c);
                assertEquals(live.getOrDefault(code, 0), c == null ? 0 : c.before(), code);
                assertEquals(draft.getOrDefault(code, 0), c == null ? 0 : c.after(), code);
                if (expected != 0) {
                    changedCodes++;
                }
            }
            assertTrue(
                    changedCodes > 0,
                    "a stale threshold of 90 days changes some counts: " + byCode);
            assertTrue(result.removed() > 0, "fewer deals are stale at 90 days than at 7");
            // the deals that existed on 09-30: not those engaged later
            assertEquals(facts.deals().size(), result.deals());
            assertTrue(result.deals() < 8800, "deals engaged after 09-30 did not exist yet");
        }
    }

    private static Map<String, Integer> counts(String rules, String playbooks) {
        CliRun run =
                CliRun.of(
                        "evaluate",
                        "--rules",
                        rules,
                        "--playbooks",
                        playbooks,
                        "--maven-crm",
                        DATA,
                        "--as-of",
                        AS_OF,
                        "--counts");
        assertEquals(0, run.exitCode(), run.err());
        Map<String, Integer> counts = new TreeMap<>();
        for (String line : run.out().lines().toList()) {
            if (line.startsWith("Firings per rule")) {
                break;
            }
            Matcher m = COUNT_LINE.matcher(line);
            if (m.find()) {
                counts.put(m.group(1), Integer.parseInt(m.group(3)));
            }
        }
        assertTrue(counts.size() > 5, run.out());
        return counts;
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
