package io.pandu.cli;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.pandu.app.Pandu;
import io.pandu.errors.InvalidInputException;
import io.pandu.evaluate.Evaluation;
import io.pandu.facts.DealTimeline;
import io.pandu.facts.FactSet;
import io.pandu.facts.FactSetJson;
import io.pandu.ingest.DemoEnrichment;
import io.pandu.ingest.ImportReport;
import io.pandu.ingest.MavenCrmReader;
import io.pandu.ingest.SyntheticEnrichment;
import io.pandu.rules.RuleRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        mixinStandardHelpOptions = true,
        version = PanduCli.VERSION,
        name = "evaluate",
        description =
                "Evaluate a fact set (JSON, or the Maven CRM CSVs) and print the guidance JSON.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin RuleOptions options;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    /** Where the facts come from: one of the two. */
    static final class Source {
        @Option(names = "--facts", required = true, description = "Fact set JSON file")
        Path facts;

        @Option(
                names = "--maven-crm",
                required = true,
                description =
                        "Directory of the Maven CRM CSVs (sales_pipeline, sales_teams, accounts, products); needs --as-of")
        Path mavenCrm;
    }

    @Option(
            names = "--as-of",
            description = "Evaluate as of this date (YYYY-MM-DD); overrides the file's asOf")
    LocalDate asOf;

    @Option(
            names = "--playbook",
            description = "Playbook for deals that name none (default: the default playbook)")
    String playbook;

    @Option(
            names = "--demo-enrichment",
            description =
                    "With --maven-crm: DEMO ONLY - add the seeded synthetic enrichment of serve --demo "
                            + "(quotas, hire dates, activities, competitors, close dates, qualification, territories; "
                            + "docs/RULES-ON-MAVEN-CRM.md)")
    boolean demoEnrichment;

    @Option(
            names = "--counts",
            description =
                    "Print counts per code (after arbitration) and firings per rule "
                            + "(before it) instead of the guidance JSON")
    boolean counts;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try (Pandu pandu = options.load(err)) {
            RuleRegistry registry = pandu.registry();
            if (demoEnrichment && source.mavenCrm == null) {
                throw new InvalidInputException("--demo-enrichment", "only applies to --maven-crm");
            }
            FactSet factSet =
                    source.facts != null ? FactSetJson.read(source.facts) : readMavenCrm(err);
            if (asOf != null) {
                factSet = factSet.withAsOf(asOf);
            }
            if (playbook != null) {
                if (registry.current().playbooks().find(playbook).isEmpty()) {
                    throw new InvalidInputException(
                            "--playbook", "unknown playbook \"" + playbook + "\"");
                }
                factSet =
                        new FactSet(
                                factSet.asOf(),
                                factSet.reps(),
                                factSet.deals().stream()
                                        .map(
                                                d ->
                                                        d.playbook() == null
                                                                ? d.withPlaybook(playbook)
                                                                : d)
                                        .toList(),
                                factSet.activities(),
                                factSet.accounts(),
                                factSet.territories(),
                                factSet.products());
            }
            Evaluation evaluation = pandu.evaluator().evaluate(factSet, registry.current());
            PrintWriter out = spec.commandLine().getOut();
            if (counts) {
                GuidanceCounts.print(
                        out,
                        factSet,
                        evaluation,
                        registry.current(),
                        GuidanceCounts.openDeals(factSet, registry.current()));
            } else {
                out.println(
                        FactSetJson.mapper()
                                .copy()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .writeValueAsString(evaluation.guidance()));
            }
            err.println(
                    "Evaluated "
                            + evaluation.deals()
                            + " deals in "
                            + evaluation.nanos() / 1_000_000
                            + " ms");
            return 0;
        }
    }

    /** The Maven CRM data set as a fact set; what the import had to say goes to stderr. */
    private FactSet readMavenCrm(PrintWriter err) {
        if (asOf == null) {
            throw new InvalidInputException(
                    "--as-of",
                    "is required with --maven-crm: \"days since\" needs a date "
                            + "(the data ends on 2017-12-31)");
        }
        MavenCrmReader.Result result = new MavenCrmReader().read(source.mavenCrm, asOf);
        ImportReport report = result.report();
        err.println(
                "Read " + report.rowsRead() + ", rejected " + report.rejected().size() + " row(s)");
        report.quirks()
                .forEach(
                        q ->
                                err.println(
                                        "  "
                                                + q.kind()
                                                + ": "
                                                + q.count()
                                                + " (e.g. "
                                                + q.example()
                                                + "; "
                                                + q.handling()
                                                + ")"));
        if (!demoEnrichment) {
            return DealTimeline.asOf(result.facts(), asOf);
        }
        // the enrichment reads each deal's whole history (as the demo's import does), then the
        // pipeline is taken as it was on as-of, as the store's deal history gives it
        DemoEnrichment.Result demo =
                DemoEnrichment.enrich(result.facts().withAsOf(lastDate(result.facts(), asOf)));
        SyntheticEnrichment added = demo.summary();
        err.println(
                "DEMO ONLY, " + added.label() + " (seed " + added.seed() + "): " + added.note());
        err.println("  added: " + added.added());
        return DealTimeline.asOf(demo.facts(), asOf);
    }

    /** The last date in the data (as the demo import enriches at), or {@code fallback}. */
    private static LocalDate lastDate(FactSet facts, LocalDate fallback) {
        return facts.deals().stream()
                .flatMap(
                        d ->
                                java.util.stream.Stream.of(
                                        d.createdDate(), d.stageEnteredDate(), d.closeDate()))
                .filter(java.util.Objects::nonNull)
                .max(LocalDate::compareTo)
                .orElse(fallback);
    }
}
