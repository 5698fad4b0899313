package io.pandu.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pandu.errors.PanduException;
import io.pandu.evaluate.Evaluator;
import io.pandu.facts.FactSetJson;
import io.pandu.guidance.Guidance;
import io.pandu.rules.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds scenario files ({@code scenarios/*.yaml} anywhere under the rules directory), evaluates
 * each against a rule set and compares the guidance with its expectations.
 */
public final class ScenarioRunner {
    private static final ObjectMapper YAML = FactSetJson.strictMapper().copyWith(new YAMLFactory());

    /** The kinds of guidance an expectation may name ({@code kind: finding}). */
    static final List<String> KINDS = List.of("recommendation", "alert", "insight", "finding");

    private final Evaluator evaluator;

    public ScenarioRunner(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    public static List<Path> files(Path rulesDir) {
        try (Stream<Path> walk = Files.walk(rulesDir)) {
            return walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(
                            p ->
                                    p.getParent() != null
                                            && p.getParent()
                                                    .getFileName()
                                                    .toString()
                                                    .equals("scenarios"))
                    .filter(
                            p -> {
                                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                                return n.endsWith(".yaml") || n.endsWith(".yml");
                            })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file holding one scenario (a mapping) or several (a sequence). */
    public static List<Scenario> read(Path file, String displayName) {
        try {
            JsonNode root = YAML.readTree(file.toFile());
            List<Scenario> scenarios = new ArrayList<>();
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw new ScenarioFormatException(displayName + ": empty scenario file");
            }
            if (root.isArray()) {
                for (int i = 0; i < root.size(); i++) {
                    scenarios.add(parse(root.get(i), displayName, "[" + i + "]"));
                }
            } else {
                scenarios.add(parse(root, displayName, ""));
            }
            return scenarios;
        } catch (IOException e) {
            throw new ScenarioFormatException(displayName + ": " + e.getMessage().split("\n")[0]);
        }
    }

    private static Scenario parse(JsonNode node, String file, String prefix) {
        try {
            Scenario s = YAML.treeToValue(node, Scenario.class);
            if (s.name() == null || s.given() == null || s.expect() == null) {
                throw new ScenarioFormatException(
                        file + prefix + ": a scenario needs name, given and expect");
            }
            List<Scenario.Expected> expected = new ArrayList<>(s.expect().present());
            expected.addAll(s.expect().absent());
            for (Scenario.Expected e : expected) {
                if (e.kind() != null && !KINDS.contains(e.kind())) {
                    throw new ScenarioFormatException(
                            file
                                    + prefix
                                    + ": unknown kind \""
                                    + e.kind()
                                    + "\" (expected one of "
                                    + String.join(", ", KINDS)
                                    + ")");
                }
            }
            return new Scenario(s.name(), s.asOf(), s.given(), s.expect(), file);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            PanduException problem = FactSetJson.translate(e);
            throw new ScenarioFormatException(file + prefix + ": " + problem.getMessage());
        }
    }

    public List<ScenarioResult> runAll(Path rulesDir, RuleSet rules) {
        List<ScenarioResult> results = new ArrayList<>();
        for (Path file : files(rulesDir)) {
            String display = rulesDir.relativize(file).toString().replace('\\', '/');
            List<Scenario> scenarios;
            try {
                scenarios = read(file, display);
            } catch (ScenarioFormatException e) {
                results.add(new ScenarioResult(display, "(unreadable)", List.of(e.getMessage())));
                continue;
            }
            for (Scenario scenario : scenarios) {
                results.add(run(scenario, rules));
            }
        }
        return results;
    }

    public ScenarioResult run(Scenario scenario, RuleSet rules) {
        Guidance guidance;
        try {
            var facts =
                    scenario.asOf() != null
                            ? scenario.given().withAsOf(scenario.asOf())
                            : scenario.given();
            guidance = evaluator.evaluate(facts, rules).guidance();
        } catch (PanduException e) {
            return new ScenarioResult(
                    scenario.file(),
                    scenario.name(),
                    List.of("evaluation failed: " + e.getMessage()));
        }
        List<GuidanceItem> items = GuidanceItem.all(guidance);
        List<String> failures = new ArrayList<>();
        for (Scenario.Expected expected : scenario.expect().present()) {
            if (items.stream().noneMatch(i -> i.matches(expected))) {
                failures.add(
                        "expected present: "
                                + expected
                                + "\n      actual: "
                                + GuidanceItem.describe(items, expected.code()));
            }
        }
        for (Scenario.Expected expected : scenario.expect().absent()) {
            List<GuidanceItem> hits = items.stream().filter(i -> i.matches(expected)).toList();
            if (!hits.isEmpty()) {
                failures.add("expected absent: " + expected + "\n      actual: " + hits.get(0));
            }
        }
        return new ScenarioResult(scenario.file(), scenario.name(), failures);
    }

    /** A scenario file that cannot be read as one. */
    public static final class ScenarioFormatException extends RuntimeException {
        public ScenarioFormatException(String message) {
            super(message);
        }
    }
}
