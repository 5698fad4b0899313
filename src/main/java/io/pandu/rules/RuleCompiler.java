package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import io.pandu.playbook.PlaybookLibrary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.kie.internal.builder.conf.LanguageLevelOption;

/**
 * Builds a rule directory into {@link CompiledRules}, or reports every problem of every file with
 * file, line and column. Each DRL is pre-parsed (Drools' build messages carry no column for DRL),
 * checked against the {@link RuleSafetyPolicy}, and only then handed to Drools' classic builder.
 */
public final class RuleCompiler {
    private static final String RESOURCES = "src/main/resources/";
    private static final Pattern UNRESOLVED =
            Pattern.compile(
                    "strict-mode:\\s*[\\w.$]+\\.(\\w+)\\(\\)|Unable to resolve ObjectType '(\\w+)'|(\\w+) cannot be resolved"
                            + "|unable to resolve method using strict-mode: [\\w.$]+\\.(\\w+)|The method (\\w+)\\(|Field (\\w+)|'(\\w+)'");

    /** "[ERR 102] Line 12:29 " in parser messages: the diagnostic carries the position, 1-based. */
    private static final Pattern PARSER_POSITION =
            Pattern.compile("^\\[ERR \\d+\\] Line \\d+:\\d+ ");

    private static final Pattern PACKAGE =
            Pattern.compile("\\s*package\\s+([\\w$]+(?:\\s*\\.\\s*[\\w$]+)*)");

    private final RuleSafetyPolicy policy = new RuleSafetyPolicy();
    private final int poolSize;

    public RuleCompiler(int poolSize) {
        this.poolSize = poolSize;
    }

    public RuleCompiler() {
        this(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public record Result(List<Diagnostic> diagnostics, CompiledRules rules) {
        public boolean ok() {
            return rules != null;
        }

        public List<Diagnostic> errors() {
            return diagnostics.stream().filter(Diagnostic::isError).toList();
        }
    }

    public Result compile(Path dir, Set<String> knownPlayIds) {
        RuleFiles.Scan scan = RuleFiles.scan(dir);
        return compile(scan.sources(), scan.diagnostics(), knownPlayIds);
    }

    /**
     * Everything at once for a rule directory: syntax and safety of every file, then the semantic
     * checks against these playbooks (null: they did not load, so the checks that need them are
     * skipped) and the codes the directory's scenarios document.
     */
    /** A scenario file ({@code scenarios/*.yaml}): documents codes, is never compiled. */
    public static boolean isScenario(String path) {
        return DocumentedCodes.isScenario(path);
    }

    public Result compileAll(Path dir, PlaybookLibrary playbooks) {
        RuleFiles.Scan scan = RuleFiles.scan(dir);
        return compile(
                scan.sources(),
                scan.diagnostics(),
                playbooks,
                playbooks == null ? null : playbooks.playIds(),
                DocumentedCodes.in(dir),
                true);
    }

    /**
     * Everything at once for a rule set given as files: syntax, safety policy and the semantic
     * checks ({@link SemanticChecks}) in one list. Scenario files among {@code sources} (a {@code
     * scenarios/*.yaml} path) are not compiled: they say which codes are documented; without any,
     * that one check is skipped.
     */
    public Result compile(
            List<RuleSource> sources, List<Diagnostic> prior, PlaybookLibrary playbooks) {
        List<RuleSource> rules =
                sources.stream().filter(s -> !DocumentedCodes.isScenario(s.file())).toList();
        return compile(
                rules,
                prior,
                playbooks,
                playbooks == null ? null : playbooks.playIds(),
                DocumentedCodes.in(sources),
                true);
    }

    /**
     * @param knownPlayIds play ids the playbooks define; a rule naming another play is an error.
     *     Null skips that check (e.g. validating one pasted rule). The semantic checks need the
     *     whole set and its playbooks, so they run only in the other overloads.
     */
    public Result compile(
            List<RuleSource> sources, List<Diagnostic> earlier, Set<String> knownPlayIds) {
        return compile(sources, earlier, null, knownPlayIds, null, false);
    }

    private Result compile(
            List<RuleSource> sources,
            List<Diagnostic> earlier,
            PlaybookLibrary playbooks,
            Set<String> knownPlayIds,
            Set<String> documentedCodes,
            boolean semantics) {
        List<Diagnostic> diagnostics = new ArrayList<>(earlier);
        Map<String, RuleLocation> locations = new TreeMap<>();
        List<RuleSource> buildable = new ArrayList<>();
        List<SemanticChecks.Parsed> parsed = new ArrayList<>();
        for (RuleSource source : sources) {
            List<Diagnostic> fileProblems = preCheck(source, locations, knownPlayIds, parsed);
            diagnostics.addAll(fileProblems);
            if (fileProblems.stream().noneMatch(Diagnostic::isError)) {
                buildable.add(source);
            }
        }
        if (semantics) {
            diagnostics.addAll(SemanticChecks.check(parsed, playbooks, documentedCodes));
        }
        KieServices ks = KieServices.Factory.get();
        String version = version(sources);
        ReleaseId releaseId =
                ks.newReleaseId(
                        "io.pandu.rules", "ruleset-" + version + "-" + System.nanoTime(), "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        // build messages name a file relative to the resources folder, so that is the key
        Map<String, RuleSource> byPath = new LinkedHashMap<>();
        for (RuleSource source : buildable) {
            String path = source.file() + (source.generated() ? ".generated.drl" : "");
            kfs.write(RESOURCES + path, source.drl().getBytes(StandardCharsets.UTF_8));
            byPath.put(path, source);
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        for (Message message : builder.getResults().getMessages()) {
            if (message.getLevel() == Message.Level.INFO) {
                continue;
            }
            diagnostics.add(fromBuildMessage(message, byPath));
        }
        diagnostics.sort(
                Comparator.comparing(Diagnostic::file)
                        .thenComparingInt(Diagnostic::line)
                        .thenComparingInt(Diagnostic::column));
        boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
        if (failed) {
            ks.getRepository().removeKieModule(releaseId);
            return new Result(dedupe(diagnostics), null);
        }
        KieContainer container = ks.newKieContainer(releaseId);
        List<Diagnostic> compiledProblems =
                new ArrayList<>(
                        policy.checkCompiled(
                                generatedClasses(container.getKieBase()), byPackage(buildable)));
        compiledProblems.addAll(
                policy.checkCompiledExpressions(
                        container.getKieBase(),
                        container.getClassLoader(),
                        consequences(parsed),
                        byPackage(buildable)));
        if (!compiledProblems.isEmpty()) {
            diagnostics.addAll(compiledProblems);
            container.dispose();
            ks.getRepository().removeKieModule(releaseId);
            return new Result(dedupe(diagnostics), null);
        }
        Map<String, RuleInfo> rules = new TreeMap<>();
        for (KiePackage pkg : container.getKieBase().getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                String key = pkg.getName() + "." + rule.getName();
                rules.put(key, info(rule, locations.get(key)));
            }
        }
        List<String> files = sources.stream().map(RuleSource::file).toList();
        CompiledRules compiled =
                new CompiledRules(
                        version,
                        container,
                        releaseId,
                        rules,
                        files,
                        diagnostics,
                        poolSize,
                        sources);
        return new Result(dedupe(diagnostics), compiled);
    }

    private record RuleLocation(String file, int line) {}

    /** Each parsed rule's consequence as written, by "package.rule name". */
    private static Map<String, String> consequences(List<SemanticChecks.Parsed> parsed) {
        Map<String, String> byRule = new java.util.HashMap<>();
        for (SemanticChecks.Parsed p : parsed) {
            for (org.drools.drl.ast.descr.RuleDescr rule : p.pkg().getRules()) {
                if (rule.getConsequence() instanceof String text) {
                    byRule.put(p.pkg().getName() + "." + rule.getName(), text);
                }
            }
        }
        return byRule;
    }

    /**
     * The class files Drools generated for the Java rule code (consequences, evals, their lambdas),
     * by path: they are kept with each package's Java dialect data.
     */
    private static Map<String, byte[]> generatedClasses(KieBase kieBase) {
        Map<String, byte[]> classes = new TreeMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            if (pkg instanceof InternalKnowledgePackage internal
                    && internal.getDialectRuntimeRegistry().getDialectData("java")
                            instanceof JavaDialectRuntimeData java) {
                java.getStore()
                        .forEach(
                                (name, bytes) -> {
                                    if (name.endsWith(".class") && bytes != null) {
                                        classes.put(name.replace('\\', '/'), bytes);
                                    }
                                });
            }
        }
        return classes;
    }

    /** The rule files of each DRL package (the package a file's generated classes live in). */
    private static Map<String, List<RuleSource>> byPackage(List<RuleSource> sources) {
        Map<String, List<RuleSource>> packages = new TreeMap<>();
        for (RuleSource source : sources) {
            Matcher m = PACKAGE.matcher(SourceText.blankCommentsAndStrings(source.drl()));
            String pkg = m.lookingAt() ? m.group(1).replaceAll("\\s+", "") : "";
            packages.computeIfAbsent(pkg, k -> new ArrayList<>()).add(source);
        }
        return packages;
    }

    private List<Diagnostic> preCheck(
            RuleSource source,
            Map<String, RuleLocation> locations,
            Set<String> knownPlayIds,
            List<SemanticChecks.Parsed> parsed) {
        List<Diagnostic> problems = new ArrayList<>();
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr pkg;
        try {
            pkg = parser.parse(false, source.drl());
        } catch (DroolsParserException e) {
            problems.add(
                    Diagnostic.error(
                            source.file(), e.getLineNumber(), e.getColumn(), e.getMessage()));
            return inTable(source, problems);
        }
        if (parser.hasErrors() || pkg == null) {
            for (DroolsError error : parser.getErrors()) {
                if (error instanceof ParserError pe) {
                    problems.add(
                            Diagnostic.error(
                                    source.file(),
                                    pe.getRow(),
                                    pe.getCol() + 1,
                                    PARSER_POSITION
                                            .matcher(clean(pe.getMessage()))
                                            .replaceFirst("")));
                } else {
                    int[] lines = error.getLines();
                    problems.add(
                            Diagnostic.error(
                                    source.file(),
                                    lines.length > 0 ? lines[0] : 0,
                                    0,
                                    clean(error.getMessage())));
                }
            }
            return inTable(source, problems);
        }
        problems.addAll(policy.check(source.file(), source.drl(), pkg));
        parsed.add(new SemanticChecks.Parsed(source, pkg));
        String pack = pkg.getNamespace() == null ? "" : pkg.getNamespace();
        DecisionTableCells cells = source.generated() ? DecisionTableCells.of(source) : null;
        for (RuleDescr rule : pkg.getRules()) {
            locations.put(
                    pack + "." + rule.getName(),
                    new RuleLocation(
                            source.file(),
                            cells == null ? rule.getLine() : tableRow(cells, rule.getLine())));
            int ruleColumn = ruleColumn(source.drl(), rule);
            AnnotationDescr play = rule.getAnnotation("play");
            if (play != null && knownPlayIds != null) {
                String playId = String.valueOf(play.getSingleValueStripped());
                if (!knownPlayIds.contains(playId)) {
                    problems.add(
                            Diagnostic.error(
                                    source.file(),
                                    rule.getLine(),
                                    ruleColumn,
                                    "rule \""
                                            + rule.getName()
                                            + "\" names play \""
                                            + playId
                                            + "\" that no playbook defines"));
                }
            }
            for (String required : List.of("category", "priority")) {
                if (rule.getAnnotation(required) == null) {
                    problems.add(
                            Diagnostic.warning(
                                    source.file(),
                                    rule.getLine(),
                                    ruleColumn,
                                    "rule \""
                                            + rule.getName()
                                            + "\" has no @"
                                            + required
                                            + " metadata"));
                }
            }
            AnnotationDescr priority = rule.getAnnotation("priority");
            if (priority != null
                    && parseInt(String.valueOf(priority.getSingleValueStripped())) == null) {
                problems.add(
                        Diagnostic.error(
                                source.file(),
                                rule.getLine(),
                                ruleColumn,
                                "rule \""
                                        + rule.getName()
                                        + "\": @priority must be a whole number, not "
                                        + priority.getSingleValue()));
            }
        }
        return inTable(source, problems);
    }

    /**
     * Problems a decision table's generated DRL has, moved to the table's cells (they were found at
     * generated lines and columns).
     */
    private static List<Diagnostic> inTable(RuleSource source, List<Diagnostic> problems) {
        if (!source.generated()) {
            return problems;
        }
        DecisionTableCells cells = DecisionTableCells.of(source);
        return problems.stream().map(d -> cells.relocate(d, d.line(), d.column())).toList();
    }

    /** The table row a generated rule comes from; 0 when it cannot be told. */
    private static int tableRow(DecisionTableCells cells, int generatedLine) {
        DecisionTableCells.CellRef cell = cells.cellAt(generatedLine, 0, "");
        return cell == null ? 0 : cell.row();
    }

    /** The parser's rule column counts from 0; diagnostics count from 1. */
    private static int ruleColumn(String drl, RuleDescr rule) {
        return rule.getStartCharacter() >= 0
                ? SourceText.column(drl, rule.getStartCharacter())
                : rule.getColumn() + 1;
    }

    private static Diagnostic fromBuildMessage(Message message, Map<String, RuleSource> byPath) {
        String path = message.getPath() == null ? null : message.getPath().replace(RESOURCES, "");
        RuleSource source = path == null ? null : byPath.get(path);
        String file = source != null ? source.file() : path == null ? "(rule set)" : path;
        String text = clean(message.getText());
        Diagnostic.Level level =
                message.getLevel() == Message.Level.ERROR
                        ? Diagnostic.Level.ERROR
                        : Diagnostic.Level.WARNING;
        int line = Math.max(0, message.getLine());
        int column = message.getColumn();
        if (source != null && !source.generated()) {
            int[] pos = locate(source.drl(), line, text);
            if (pos != null) {
                line = pos[0];
                column = pos[1];
            } else if (line > 0 && column <= 0) {
                column = 1;
            }
        } else if (source != null) {
            return DecisionTableCells.of(source)
                    .relocate(new Diagnostic(level, file, line, column, text), line, column);
        }
        return new Diagnostic(level, file, line, column, text);
    }

    /**
     * Drools reports a compile error at the rule (or pattern) line with no column; find the name it
     * could not resolve at or after that line, so the editor can point at it.
     */
    private static int[] locate(String drl, int fromLine, String message) {
        Matcher m = UNRESOLVED.matcher(message);
        String code = SourceText.blankCommentsAndStrings(drl);
        String[] lines = code.split("\n", -1);
        while (m.find()) {
            String name = null;
            for (int g = 1; g <= m.groupCount() && name == null; g++) {
                name = m.group(g);
            }
            if (name == null) {
                continue;
            }
            Pattern word = Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])");
            for (int i = Math.max(0, fromLine - 1); i < lines.length; i++) {
                Matcher w = word.matcher(lines[i]);
                if (w.find()) {
                    return new int[] {i + 1, w.start() + 1};
                }
            }
        }
        return null;
    }

    private static RuleInfo info(Rule rule, RuleLocation location) {
        Map<String, Object> meta = rule.getMetaData();
        Map<String, String> metadata = new TreeMap<>();
        meta.forEach((k, v) -> metadata.put(k, String.valueOf(v)));
        Integer priority =
                meta.containsKey("priority")
                        ? parseInt(String.valueOf(meta.get("priority")))
                        : null;
        return new RuleInfo(
                rule.getName(),
                rule.getPackageName(),
                location == null ? null : location.file(),
                location == null || location.line() == 0 ? null : location.line(),
                text(meta.get("category")),
                priority == null ? RuleInfo.DEFAULT_PRIORITY : priority,
                text(meta.get("play")),
                text(meta.get("title")),
                text(meta.get("explanation")),
                metadata);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = String.valueOf(value);
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static Integer parseInt(String value) {
        try {
            return Integer.valueOf(value.trim().replace("\"", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String clean(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }

    private static List<Diagnostic> dedupe(List<Diagnostic> diagnostics) {
        return diagnostics.stream().distinct().toList();
    }

    /** Content hash of the rule files, stamped on every evaluation. */
    static String version(List<RuleSource> sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RuleSource source : sources) {
                sha.update(source.file().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(source.content());
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
