package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import io.pandu.playbook.PlaybookLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one way a candidate rule set is built and judged: a {@link Snapshot}'s playbooks loaded from
 * memory, its rule files compiled from memory, then every registered {@link CandidateCheck}.
 * Start-up, reload, the file watcher, drafts, publish, rollback and import all come through {@link
 * #build}, so no path can put a set live that another path would refuse.
 */
public final class RuleSetBuilder {
    private final RuleCompiler compiler;
    private final List<CandidateCheck> checks = new CopyOnWriteArrayList<>();

    public RuleSetBuilder(RuleCompiler compiler) {
        this.compiler = compiler;
    }

    public void addCheck(CandidateCheck check) {
        checks.add(check);
    }

    /**
     * What building a snapshot gave: the rule set (null when refused) and every diagnostic, named
     * as today (rule files relative to rules/, playbooks by file name).
     */
    public record Candidate(
            Snapshot snapshot,
            RuleSet ruleSet,
            List<Diagnostic> diagnostics,
            List<Diagnostic> playbookDiagnostics,
            boolean reused) {
        /** A rule set already compiled and checked (in use, or kept warm). */
        static Candidate reused(Snapshot snapshot, RuleSet set) {
            return new Candidate(snapshot, set, set.rules().warnings(), List.of(), true);
        }

        public boolean ok() {
            return ruleSet != null;
        }

        public List<Diagnostic> errors() {
            return diagnostics.stream().filter(Diagnostic::isError).toList();
        }

        /** The same diagnostics with paths relative to the project root, as drafts name files. */
        public List<Diagnostic> projectDiagnostics() {
            List<Diagnostic> result = new ArrayList<>();
            for (Diagnostic d : diagnostics) {
                String prefix =
                        playbookDiagnostics.contains(d) ? Snapshot.PLAYBOOKS : Snapshot.RULES;
                String file =
                        d.file() == null || d.file().startsWith("/") ? d.file() : prefix + d.file();
                result.add(new Diagnostic(d.level(), file, d.line(), d.column(), d.message()));
            }
            return result;
        }

        /** Frees the compiled rules of a candidate that will not go live. */
        public void discard() {
            if (ruleSet != null && !reused) {
                ruleSet.rules().close();
            }
        }
    }

    public Candidate build(Snapshot snapshot) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, String> playbookTexts = new TreeMap<>();
        snapshot.under(Snapshot.PLAYBOOKS)
                .forEach(
                        (name, bytes) -> {
                            if (!name.contains("/") && PlaybookLoader.isPlaybookFile(name)) {
                                playbookTexts.put(name, new String(bytes, StandardCharsets.UTF_8));
                            }
                        });
        PlaybookLoader.Result playbooks =
                new PlaybookLoader().load(playbookTexts, Snapshot.PLAYBOOKS);
        List<Diagnostic> playbookDiagnostics = playbooks.diagnostics();
        diagnostics.addAll(playbookDiagnostics);
        RuleFiles.Scan scan = RuleFiles.scan(snapshot.under(Snapshot.RULES));
        List<Diagnostic> earlier = new ArrayList<>(snapshot.readProblems());
        earlier.addAll(scan.diagnostics());
        if (snapshot.under(Snapshot.RULES).isEmpty()
                && snapshot.readProblems().stream().noneMatch(Diagnostic::isError)) {
            earlier.add(Diagnostic.error("rules", 0, 0, "no rule files in this rule set"));
        }
        // the scenarios say which codes are documented; the compiler reads them, never compiles
        // them
        List<RuleSource> sources = new ArrayList<>(scan.sources());
        sources.addAll(RuleFiles.scenarioSources(snapshot.under(Snapshot.RULES)));
        RuleCompiler.Result compiled =
                compiler.compile(sources, earlier, playbooks.ok() ? playbooks.library() : null);
        diagnostics.addAll(compiled.diagnostics());
        if (!playbooks.ok() || !compiled.ok()) {
            if (compiled.rules() != null) {
                compiled.rules().close();
            }
            return new Candidate(snapshot, null, diagnostics, playbookDiagnostics, false);
        }
        RuleSet set = new RuleSet(snapshot.id(), compiled.rules(), playbooks.library());
        for (CandidateCheck check : checks) {
            diagnostics.addAll(check.check(set));
        }
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            set.rules().close();
            return new Candidate(snapshot, null, diagnostics, playbookDiagnostics, false);
        }
        return new Candidate(snapshot, set, diagnostics, playbookDiagnostics, false);
    }
}
