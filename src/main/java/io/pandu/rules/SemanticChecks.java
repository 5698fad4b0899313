package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import io.pandu.playbook.Playbook;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.playbook.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;

/**
 * What a rule set means, checked before it runs: the playbook parameters, team parameters and stage
 * criteria the rules read exist; the codes they raise are documented by a scenario; the commission
 * tiers cover attainment without gap or overlap; and no pattern waits for a fact type nothing
 * inserts. Works on Drools' parsed descriptions and the rule text, so a file with a syntax error
 * elsewhere in the set does not hide these problems.
 */
final class SemanticChecks {
    /**
     * The fact types the evaluator inserts into every session (io.pandu.evaluate.Evaluator
     * insertAll); rules may insert more.
     */
    static final Set<String> ENGINE_FACTS =
            Set.of(
                    "TeamStats",
                    "RepContext",
                    "Account",
                    "Territory",
                    "Product",
                    "DealContext",
                    "AccountHolding");

    private static final Pattern PLAYBOOK_PARAM =
            Pattern.compile("\\bparam\\s*\\(\\s*\"(\\w+)\"\\s*\\)");
    private static final Pattern TEAM_PARAM_READ =
            Pattern.compile("\\bParameter\\s*\\(\\s*name\\s*==\\s*\"(\\w+)\"");
    private static final Pattern TEAM_PARAM_INSERT =
            Pattern.compile("\\bnew\\s+(?:io\\.pandu\\.facts\\.)?Parameter\\s*\\(\\s*\"(\\w+)\"");
    private static final Pattern CRITERION =
            Pattern.compile(
                    "\\b(?:exitCriteria|entryCriteria|missingExitCriteria)\\s+(?:not\\s+)?contains\\s+\"([\\w:-]+)\""
                            + "|\\bcriterionMet\\s*\\(\\s*\"([\\w:-]+)\"");
    private static final Pattern CODE =
            Pattern.compile("\\bguidance\\s*\\.\\s*\\w+\\s*\\(\\s*\"(\\w+)\"");
    private static final Pattern INSERT =
            Pattern.compile(
                    "\\binsert(?:Logical)?\\s*\\(\\s*(?:new\\s+)?((?:[\\w$]+\\s*\\.\\s*)*[\\w$]+)\\s*[(.]");
    private static final String NUMBER = "\\s*(-?[\\d.]+(?:[eE]-?\\d+)?)\\s*";
    private static final Pattern TIER =
            Pattern.compile(
                    "\\bnew\\s+(?:io\\.pandu\\.facts\\.)?CommissionTier\\s*\\(\\s*\"([^\"]*)\"\\s*,"
                            + NUMBER
                            + ","
                            + NUMBER
                            + ",");

    /** One rule file as parsed. */
    record Parsed(RuleSource source, PackageDescr pkg) {}

    private SemanticChecks() {}

    /**
     * @param playbooks null when the playbooks did not load: the checks against them are skipped.
     * @param documentedCodes codes some scenario expects present; null skips that check.
     */
    static List<Diagnostic> check(
            List<Parsed> files, PlaybookLibrary playbooks, Set<String> documentedCodes) {
        List<File> parsed = files.stream().map(File::new).toList();
        List<Diagnostic> problems = new ArrayList<>();
        if (playbooks != null) {
            problems.addAll(playbookParameters(parsed, playbooks));
            problems.addAll(criteria(parsed, playbooks));
        }
        problems.addAll(teamParameters(parsed));
        if (documentedCodes != null) {
            problems.addAll(undocumentedCodes(parsed, documentedCodes));
        }
        problems.addAll(commissionTiers(parsed));
        problems.addAll(patternsNothingInserts(parsed));
        problems.addAll(impossibleComparisons(parsed));
        return problems;
    }

    /** A rule file with what the checks need of it: its code (comments blanked) and positions. */
    private static final class File {
        final RuleSource source;
        final PackageDescr pkg;
        final String code;
        final DecisionTableCells cells;

        File(Parsed parsed) {
            this.source = parsed.source();
            this.pkg = parsed.pkg();
            this.code = SourceText.blankCommentsAndStrings(source.drl());
            this.cells = source.generated() ? DecisionTableCells.of(source) : null;
        }

        /** Matches of a pattern in code, not in a comment or inside another string. */
        List<MatchResult> find(Pattern pattern) {
            List<MatchResult> found = new ArrayList<>();
            Matcher m = pattern.matcher(source.drl());
            while (m.find()) {
                if (code.charAt(m.start()) != ' ') {
                    found.add(m.toMatchResult());
                }
            }
            return found;
        }

        /** The rule whose text holds an offset; null outside any rule. */
        RuleDescr ruleAt(int offset) {
            RuleDescr best = null;
            for (RuleDescr rule : pkg.getRules()) {
                if (rule.getStartCharacter() <= offset
                        && (best == null || rule.getStartCharacter() > best.getStartCharacter())) {
                    best = rule;
                }
            }
            return best;
        }

        Diagnostic at(Diagnostic.Level level, int offset, String message) {
            int line = SourceText.line(source.drl(), offset);
            int column = SourceText.column(source.drl(), offset);
            Diagnostic d = new Diagnostic(level, source.file(), line, column, message);
            return cells == null ? d : cells.relocate(d, line, column);
        }

        Diagnostic at(Diagnostic.Level level, BaseDescr descr, String message) {
            if (descr.getStartCharacter() >= 0) {
                return at(level, descr.getStartCharacter(), message);
            }
            Diagnostic d =
                    new Diagnostic(
                            level, source.file(), descr.getLine(), descr.getColumn() + 1, message);
            return cells == null ? d : cells.relocate(d, descr.getLine(), descr.getColumn() + 1);
        }

        String ruleName(int offset) {
            RuleDescr rule = ruleAt(offset);
            return rule == null ? "(outside any rule)" : "rule \"" + rule.getName() + "\"";
        }
    }

    /** Each playbook a deal can follow must define what a rule reads with param("..."). */
    private static List<Diagnostic> playbookParameters(
            List<File> files, PlaybookLibrary playbooks) {
        List<Diagnostic> problems = new ArrayList<>();
        for (File file : files) {
            Set<String> reported = new LinkedHashSet<>();
            for (MatchResult m : file.find(PLAYBOOK_PARAM)) {
                String name = m.group(1);
                List<Playbook> lacking =
                        playbooks.playbooks().stream().filter(p -> !p.hasParam(name)).toList();
                String rule = file.ruleName(m.start());
                if (lacking.isEmpty() || !reported.add(rule + "|" + name)) {
                    continue;
                }
                problems.add(
                        file.at(
                                Diagnostic.Level.ERROR,
                                m.start(),
                                rule
                                        + " reads playbook parameter \""
                                        + name
                                        + "\" that "
                                        + describe(lacking)
                                        + " not define under parameters:; every deal following it"
                                        + " would fail to evaluate"));
            }
        }
        return problems;
    }

    private static String describe(List<Playbook> playbooks) {
        List<String> names = new ArrayList<>();
        for (Playbook p : playbooks) {
            names.add(
                    "\""
                            + p.id()
                            + "\""
                            + (p.sourceFile() == null ? "" : " (" + p.sourceFile() + ")"));
        }
        return (playbooks.size() == 1 ? "playbook " : "playbooks ")
                + String.join(", ", names)
                + (playbooks.size() == 1 ? " does" : " do");
    }

    /** A rule matching Parameter( name == "x" ) waits for a row that inserts it. */
    private static List<Diagnostic> teamParameters(List<File> files) {
        Set<String> inserted = new TreeSet<>();
        for (File file : files) {
            file.find(TEAM_PARAM_INSERT).forEach(m -> inserted.add(m.group(1)));
        }
        List<Diagnostic> problems = new ArrayList<>();
        for (File file : files) {
            for (MatchResult m : file.find(TEAM_PARAM_READ)) {
                if (!inserted.contains(m.group(1))) {
                    problems.add(
                            file.at(
                                    Diagnostic.Level.ERROR,
                                    m.start(),
                                    file.ruleName(m.start())
                                            + " reads team parameter \""
                                            + m.group(1)
                                            + "\" that no rule inserts (add a row to a parameters"
                                            + " decision table such as"
                                            + " parameters/team-parameters.drl.csv); the rule can"
                                            + " never fire"));
                }
            }
        }
        return problems;
    }

    /** Criteria a rule tests by name must be ones some playbook stage has. */
    private static List<Diagnostic> criteria(List<File> files, PlaybookLibrary playbooks) {
        Set<String> known = new TreeSet<>();
        for (Playbook p : playbooks.playbooks()) {
            for (Stage s : p.stages()) {
                known.addAll(s.entryCriteria());
                known.addAll(s.exitCriteria());
            }
        }
        List<Diagnostic> problems = new ArrayList<>();
        for (File file : files) {
            for (MatchResult m : file.find(CRITERION)) {
                String criterion = m.group(1) != null ? m.group(1) : m.group(2);
                if (!known.contains(criterion)) {
                    problems.add(
                            file.at(
                                    Diagnostic.Level.ERROR,
                                    m.start(),
                                    file.ruleName(m.start())
                                            + " reads criterion \""
                                            + criterion
                                            + "\" that no playbook stage names (known: "
                                            + String.join(", ", known)
                                            + ")"));
                }
            }
        }
        return problems;
    }

    /**
     * A code that no scenario expects is one nobody can look up: the scenarios beside the rules are
     * where a code's behaviour is written down (ShippedRuleBaseTest holds the shipped set to it). A
     * warning: the rule set still runs correctly.
     */
    private static List<Diagnostic> undocumentedCodes(List<File> files, Set<String> documented) {
        List<Diagnostic> problems = new ArrayList<>();
        for (File file : files) {
            Set<String> reported = new TreeSet<>();
            for (MatchResult m : file.find(CODE)) {
                String code = m.group(1);
                if (!documented.contains(code) && reported.add(code)) {
                    problems.add(
                            file.at(
                                    Diagnostic.Level.WARNING,
                                    m.start(),
                                    file.ruleName(m.start())
                                            + " raises code \""
                                            + code
                                            + "\" that no scenario documents (add a"
                                            + " scenarios/*.yaml beside the rule that expects it"
                                            + " present)"));
                }
            }
        }
        return problems;
    }

    private record Tier(String name, double from, double below, File file, int offset) {}

    /**
     * Attainment from 0 upwards must fall in exactly one commission tier: a gap pays nothing, an
     * overlap pays twice.
     */
    private static List<Diagnostic> commissionTiers(List<File> files) {
        List<Tier> tiers = new ArrayList<>();
        for (File file : files) {
            for (MatchResult m : file.find(TIER)) {
                Double from = number(m.group(2));
                Double below = number(m.group(3));
                if (from != null && below != null) {
                    tiers.add(new Tier(m.group(1), from, below, file, m.start()));
                }
            }
        }
        List<Diagnostic> problems = new ArrayList<>();
        if (tiers.isEmpty()) {
            return problems;
        }
        tiers.sort(Comparator.comparingDouble(Tier::from).thenComparingDouble(Tier::below));
        Function<Tier, String> show =
                t -> "\"" + t.name() + "\" [" + fmt(t.from()) + ", " + fmt(t.below()) + ")";
        for (Tier t : tiers) {
            if (t.from() >= t.below()) {
                problems.add(
                        t.file()
                                .at(
                                        Diagnostic.Level.ERROR,
                                        t.offset(),
                                        "commission tier "
                                                + show.apply(t)
                                                + " is empty: its start is not below its end"));
            }
        }
        Tier first = tiers.get(0);
        if (first.from() > 0) {
            problems.add(
                    first.file()
                            .at(
                                    Diagnostic.Level.ERROR,
                                    first.offset(),
                                    "commission tiers leave attainment 0–"
                                            + fmt(first.from())
                                            + " uncovered: the lowest tier "
                                            + show.apply(first)
                                            + " starts above 0"));
        }
        double coveredTo = first.below();
        Tier reach = first;
        for (Tier t : tiers.subList(1, tiers.size())) {
            if (t.from() > coveredTo) {
                problems.add(
                        t.file()
                                .at(
                                        Diagnostic.Level.ERROR,
                                        t.offset(),
                                        "commission tiers leave attainment "
                                                + fmt(coveredTo)
                                                + "–"
                                                + fmt(t.from())
                                                + " uncovered: a gap between "
                                                + show.apply(reach)
                                                + " and "
                                                + show.apply(t)));
            } else if (t.from() < coveredTo) {
                problems.add(
                        t.file()
                                .at(
                                        Diagnostic.Level.ERROR,
                                        t.offset(),
                                        "commission tiers "
                                                + show.apply(reach)
                                                + " and "
                                                + show.apply(t)
                                                + " overlap on attainment "
                                                + fmt(t.from())
                                                + "–"
                                                + fmt(Math.min(coveredTo, t.below()))));
            }
            if (t.below() > coveredTo) {
                coveredTo = t.below();
                reach = t;
            }
        }
        return problems;
    }

    private static Double number(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String fmt(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.valueOf(value);
    }

    /**
     * A pattern on a type neither the evaluator nor any rule inserts can never match, so its rule
     * never fires (patterns under {@code not} or {@code forall} hold instead, and patterns over a
     * {@code from} expression read no working memory).
     */
    private static List<Diagnostic> patternsNothingInserts(List<File> files) {
        Set<String> inserted = new TreeSet<>(ENGINE_FACTS);
        for (File file : files) {
            for (MatchResult m : file.find(INSERT)) {
                inserted.add(typeName(m.group(1)));
            }
            for (TypeDeclarationDescr type : file.pkg.getTypeDeclarations()) {
                inserted.add(type.getTypeName());
            }
        }
        List<Diagnostic> problems = new ArrayList<>();
        for (File file : files) {
            for (RuleDescr rule : file.pkg.getRules()) {
                List<PatternDescr> patterns = new ArrayList<>();
                positivePatterns(rule.getLhs(), patterns);
                for (PatternDescr pattern : patterns) {
                    String type = simpleName(pattern.getObjectType());
                    if (type != null && !inserted.contains(type)) {
                        problems.add(
                                file.at(
                                        Diagnostic.Level.WARNING,
                                        pattern,
                                        "rule \""
                                                + rule.getName()
                                                + "\" matches "
                                                + type
                                                + " facts, which nothing inserts (the engine"
                                                + " inserts "
                                                + String.join(", ", new TreeSet<>(ENGINE_FACTS))
                                                + "); it can never fire"));
                    }
                }
            }
        }
        return problems;
    }

    private static final Pattern COMPARISON =
            Pattern.compile(
                    "^([A-Za-z_]\\w*)\\s*(==|!=|<=|>=|<|>)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false)$");

    /**
     * A constraint comparing a fact's field with a literal of a type the field can never equal (a
     * number with text, a yes/no with a number or text) holds for no fact: a warning, since Drools
     * coerces rather than refuses.
     */
    private static List<Diagnostic> impossibleComparisons(List<File> files) {
        List<Diagnostic> problems = new ArrayList<>();
        for (File file : files) {
            Map<String, String> imports = new HashMap<>();
            file.pkg
                    .getImports()
                    .forEach(i -> imports.put(simpleName(i.getTarget()), i.getTarget()));
            for (RuleDescr rule : file.pkg.getRules()) {
                List<PatternDescr> patterns = new ArrayList<>();
                positivePatterns(rule.getLhs(), patterns);
                for (PatternDescr pattern : patterns) {
                    Class<?> type = factClass(pattern.getObjectType(), imports);
                    if (type == null) {
                        continue;
                    }
                    for (BaseDescr constraint : pattern.getDescrs()) {
                        if (!(constraint instanceof ExprConstraintDescr expr)) {
                            continue;
                        }
                        Matcher m = COMPARISON.matcher(expr.getExpression().trim());
                        if (!m.matches()) {
                            continue;
                        }
                        Class<?> field = propertyType(type, m.group(1));
                        if (field != null && cannotEqual(field, m.group(3))) {
                            problems.add(
                                    file.at(
                                            Diagnostic.Level.WARNING,
                                            expr.getStartCharacter() >= 0 ? expr : pattern,
                                            "rule \""
                                                    + rule.getName()
                                                    + "\" compares "
                                                    + m.group(1)
                                                    + " ("
                                                    + field.getSimpleName()
                                                    + ") with "
                                                    + m.group(3)
                                                    + ", a value of another type: the constraint"
                                                    + " holds for no "
                                                    + type.getSimpleName()
                                                    + " and the rule can never fire"));
                        }
                    }
                }
            }
        }
        return problems;
    }

    /** A Pandu fact type rules may name, as a class; null for anything else. */
    private static Class<?> factClass(String written, Map<String, String> imports) {
        String simple = simpleName(written);
        if (simple == null) {
            return null;
        }
        String name = written.contains(".") ? written : imports.get(simple);
        if (name == null || !RuleTypes.PANDU.contains(name)) {
            return null;
        }
        try {
            return Class.forName(name, false, SemanticChecks.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** The type of a property as DRL reads it: getX(), isX() or a record's x(). */
    private static Class<?> propertyType(Class<?> type, String property) {
        String capitalised = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (String method : List.of("get" + capitalised, "is" + capitalised, property)) {
            try {
                return type.getMethod(method).getReturnType();
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        return null;
    }

    private static boolean cannotEqual(Class<?> field, String literal) {
        boolean text = literal.startsWith("\"");
        boolean yesNo = literal.equals("true") || literal.equals("false");
        boolean numeric =
                (field.isPrimitive() && field != boolean.class && field != char.class)
                        || Number.class.isAssignableFrom(field);
        if (numeric) {
            return yesNo || (text && number(literal.substring(1, literal.length() - 1)) == null);
        }
        if (field == boolean.class || field == Boolean.class) {
            return !yesNo && !(text && literal.matches("\"(true|false)\""));
        }
        return false;
    }

    private static void positivePatterns(BaseDescr descr, List<PatternDescr> out) {
        if (descr == null || descr instanceof NotDescr || descr instanceof ForallDescr) {
            return;
        }
        if (descr instanceof PatternDescr pattern) {
            Object source = pattern.getSource();
            if (source == null || source instanceof EntryPointDescr) {
                out.add(pattern);
            } else if (source instanceof CollectDescr collect) {
                positivePatterns(collect.getInputPattern(), out);
            } else if (source instanceof AccumulateDescr accumulate) {
                positivePatterns(accumulate.getInput(), out);
            }
            return;
        }
        if (descr instanceof ConditionalElementDescr group) {
            for (BaseDescr child : group.getDescrs()) {
                positivePatterns(child, out);
            }
        }
    }

    /** The class an insert names: the last capitalised segment of {@code Spif.of} or a new. */
    private static String typeName(String chain) {
        String[] parts = chain.replaceAll("\\s+", "").split("\\.");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
                return parts[i];
            }
        }
        return chain;
    }

    private static String simpleName(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        int generic = type.indexOf('<');
        String raw = generic < 0 ? type : type.substring(0, generic);
        return raw.substring(raw.lastIndexOf('.') + 1).trim();
    }
}
