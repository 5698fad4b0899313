package io.pandu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.evaluate.Evaluator;
import io.pandu.facts.FactSet;
import io.pandu.rules.RuleRegistry;
import io.pandu.testing.TestClocks;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench commands (target/pandu-bench.jar), run in-process as a user runs them. */
class BenchCliTest {
    record Run(int code, String out, String err) {}

    static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BenchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void bothCommandsHaveHelp() {
        Run bench = bench("bench", "--help");
        assertEquals(0, bench.code(), bench.err());
        for (String option :
                new String[] {
                    "--rules",
                    "--playbooks",
                    "--deals",
                    "--reps",
                    "--teams",
                    "--activities",
                    "--accounts-per-rep",
                    "--seed",
                    "--threads",
                    "--warmup",
                    "--iterations",
                    "--tiers"
                }) {
            assertTrue(bench.out().contains(option), option + " missing in:\n" + bench.out());
        }
        Run http = bench("bench-http", "--help");
        assertEquals(0, http.code(), http.err());
        for (String option :
                new String[] {"--rules", "--playbooks", "--port", "--host", "--instances"}) {
            assertTrue(http.out().contains(option), option + " missing in:\n" + http.out());
        }
        Run top = bench("--help");
        assertEquals(0, top.code(), top.err());
        assertTrue(top.out().contains("bench-http"), top.out());
    }

    @Test
    void benchChecksEquivalenceThenTimesAllThreeOnASmallPipeline() {
        Run r =
                bench(
                        "bench",
                        "--rules",
                        "docs/bench/starter-rules",
                        "--playbooks",
                        "docs/bench/starter-playbooks",
                        "--deals",
                        "400",
                        "--reps",
                        "8",
                        "--teams",
                        "2",
                        "--activities",
                        "2000",
                        "--accounts-per-rep",
                        "5",
                        "--threads",
                        "1",
                        "--warmup",
                        "0",
                        "--iterations",
                        "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("as of 2025-06-30"), r.out());
        assertTrue(
                r.out()
                        .contains(
                                "(a) and (b) guidance equal field by field (texts, scores, explanations) in 2 of 2 fact sets"),
                r.out());
        assertTrue(r.out().contains("ratio (a)/(b) = "), r.out());
        assertTrue(r.err().contains("Rule set"), "start-up messages belong on stderr: " + r.err());
    }

    @Test
    void aRuleDirectoryThatDoesNotLoadPrintsItsDiagnosticsNotAStackTrace() {
        Run r =
                bench(
                        "bench",
                        "--rules",
                        "does/not/exist",
                        "--playbooks",
                        "docs/bench/starter-playbooks");
        assertEquals(1, r.code(), r.out() + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void factSetsWithoutAnAsOfDateAreRefusedRatherThanDatedByTheWallClock() {
        try (RuleRegistry registry =
                new RuleRegistry(
                        Path.of("docs/bench/starter-rules"),
                        Path.of("docs/bench/starter-playbooks"),
                        TestClocks.fixed())) {
            assertTrue(registry.reload().ok());
            FactSet undated = new FactSet(null, null, null, null, null, null, null);
            HandCodedStarterRules hand =
                    new HandCodedStarterRules(
                            registry.current(),
                            HandCodedStarterRules.readTiers(
                                    Path.of(
                                            "docs/bench/starter-rules/incentives/commission-tiers.drl.csv")),
                            new Evaluator(registry::current, TestClocks.fixed()).settings());
            assertThrows(IllegalArgumentException.class, () -> hand.evaluate(undated));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new BareDroolsEvaluator(registry.current()).evaluate(undated));
        }
    }
}
