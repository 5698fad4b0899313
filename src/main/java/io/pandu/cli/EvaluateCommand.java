package io.pandu.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.pandu.evaluate.Evaluation;
import io.pandu.evaluate.Evaluator;
import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.rules.RuleRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

@Command(name = "evaluate", description = "Evaluate a fact set (JSON) and print the guidance JSON.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuleOptions options;

    @Option(names = "--facts", required = true, description = "Fact set JSON file")
    Path facts;

    @Option(names = "--as-of", description = "Evaluate as of this date (YYYY-MM-DD); overrides the file's asOf")
    LocalDate asOf;

    @Override
    public Integer call() throws Exception {
        try (RuleRegistry registry = options.load(spec.commandLine().getErr())) {
            FactSet factSet = FactSetJson.read(facts);
            if (asOf != null) {
                factSet = factSet.withAsOf(asOf);
            }
            Evaluation evaluation = new Evaluator(registry::current).evaluate(factSet);
            spec.commandLine().getOut().println(FactSetJson.mapper().copy()
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(evaluation.guidance()));
            spec.commandLine().getErr().println("Evaluated " + evaluation.deals() + " deals in "
                    + evaluation.nanos() / 1_000_000 + " ms");
            return 0;
        }
    }
}
