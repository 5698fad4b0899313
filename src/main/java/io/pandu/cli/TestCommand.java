package io.pandu.cli;

import io.pandu.app.Pandu;
import io.pandu.evaluate.Evaluator;
import io.pandu.rules.RuleRegistry;
import io.pandu.scenario.ScenarioResult;
import io.pandu.scenario.ScenarioRunner;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        name = "test",
        description = "Run the rule scenarios (rules/**/scenarios/*.yaml); exit 1 if any fails.")
final class TestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin RuleOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Pandu pandu = options.load(spec.commandLine().getErr())) {
            RuleRegistry registry = pandu.registry();
            Evaluator evaluator = pandu.evaluator();
            List<ScenarioResult> results =
                    new ScenarioRunner(evaluator).runAll(options.rules, registry.current());
            long failed = 0;
            for (ScenarioResult result : results) {
                if (result.passed()) {
                    out.println("PASS " + result.file() + " › " + result.name());
                } else {
                    failed++;
                    out.println("FAIL " + result.file() + " › " + result.name());
                    result.failures().forEach(f -> out.println("    " + f));
                }
            }
            out.println((results.size() - failed) + " passed, " + failed + " failed");
            return failed == 0 ? 0 : 1;
        }
    }
}
