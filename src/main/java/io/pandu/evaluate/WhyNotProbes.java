package io.pandu.evaluate;

import io.pandu.context.DealContext;
import io.pandu.facts.FactSet;
import io.pandu.guidance.GuidanceCollector;
import io.pandu.playbook.PlaybookLibrary;
import io.pandu.rules.CompiledRules;
import io.pandu.rules.RuleInfo;
import io.pandu.rules.RuleSafetyPolicy;
import io.pandu.rules.RuleSource;
import java.io.Serializable;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.Match;
import org.kie.internal.builder.conf.LanguageLevelOption;
import org.mvel2.MVEL;
import org.mvel2.ParserContext;

/**
 * "Why not" for one rule set, built on Drools by a rule-per-condition decomposition. Each rule that
 * reasons over a deal ({@code DealContext} pattern) and raises a code is parsed with Drools' own
 * {@link DrlParser} into its top-level conditions (patterns, {@code not}, {@code exists}, {@code
 * accumulate} …) and a pattern's constraints; for each it generates <em>probe rules</em> with an
 * empty consequence: one per constraint (the conditions before it, then the pattern with only that
 * constraint and the bindings it needs) and one per prefix (everything up to and including that
 * condition). The probes are compiled once per rule-set version, next to the real rules, into one
 * knowledge base (cached), so a probe sees exactly the working memory of a real evaluation, facts
 * the real rules insert ({@code Parameter}, tiers) included; each probe joins on a {@link
 * WhyNotTarget} fact, so it only matches for the deal asked about. Which probes fired is which
 * conditions held: the engine decides, nothing is re-implemented by hand.
 *
 * <p>Why not the agenda listeners alone: a match is only created once every condition holds, so
 * {@code matchCreated}/{@code matchCancelled} say that a rule did not match, never which condition
 * stopped it. The values a condition saw are its operands (split by Drools' expression parser)
 * evaluated with MVEL on the deal's context, with the bindings of the probe that matched up to it.
 */
public final class WhyNotProbes {
    private static final String PROBE = "whynot|";
    private static final String TARGET_ID = "$whynot_deal";
    private static final String DEAL_TYPE = "DealContext";
    private static final int PROBE_SALIENCE = -1_000_000;
    private static final Pattern RAISES =
            Pattern.compile("guidance\\s*\\.\\s*\\w+\\s*\\(\\s*\"([A-Z][A-Z0-9_]*)\"");
    private static final Pattern DECLARES = Pattern.compile("^\\s*(\\$[\\w$]*)\\s*:(?!:)");
    private static final Pattern VARIABLE = Pattern.compile("\\$[A-Za-z_][\\w$]*");

    /** Probes by rule set: built on the first question about a version, dropped with it. */
    private static final Map<CompiledRules, WhyNotProbes> CACHE =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** One constraint of a pattern, for the deal asked about: did it hold, on which values. */
    public record Condition(
            String text, int line, boolean held, Map<String, Object> values, String sentence) {}

    /**
     * One top-level condition of a rule; {@code held} means it and everything before it held
     * together for the deal; {@code conditions} are a pattern's constraints, each probed alone.
     */
    public record Element(String text, int line, boolean held, List<Condition> conditions) {}

    /**
     * What one rule that can raise {@code codes} saw for the deal: {@code matched} when all its
     * conditions held (it fired), else the failed conditions in {@code sentence}.
     */
    public record RuleAnswer(
            String rule,
            String file,
            Integer line,
            List<String> codes,
            boolean matched,
            List<Element> elements,
            String sentence) {}

    private final KieBase kieBase;
    private final KieSessionsPool sessions;

    /** Weak: the cache holds this by its rule set, which must stay free to go. */
    private final WeakReference<CompiledRules> ruleSet;

    private final List<Target> targets;
    private final int probeCount;

    /**
     * The contexts of the last few fact sets asked about, by identity: a store keeps handing out
     * the same team fact set while it does not change, and questions come deal by deal.
     */
    private final RecentCache<ContextsKey, ContextBuilder.Contexts> contexts =
            new RecentCache<>(CONTEXTS_KEPT);

    private static final int CONTEXTS_KEPT = 8;

    /** The fact set and playbooks by identity (a fact set's equals would compare every deal). */
    private record ContextsKey(FactSet facts, PlaybookLibrary playbooks, LocalDate asOf) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ContextsKey k
                    && k.facts == facts
                    && k.playbooks == playbooks
                    && k.asOf.equals(asOf);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(facts) * 31 + System.identityHashCode(playbooks)) * 31
                    + asOf.hashCode();
        }
    }

    private WhyNotProbes(
            CompiledRules rules, KieBase kieBase, List<Target> targets, int probeCount) {
        this.ruleSet = new WeakReference<>(rules);
        this.kieBase = kieBase;
        this.sessions = kieBase.newKieSessionsPool(2);
        this.targets = targets;
        this.probeCount = probeCount;
    }

    /** The probes of a rule set, compiled on first use and cached while the rule set lives. */
    public static WhyNotProbes of(CompiledRules rules) {
        WhyNotProbes cached = CACHE.get(rules);
        if (cached != null) {
            return cached;
        }
        synchronized (WhyNotProbes.class) {
            return CACHE.computeIfAbsent(rules, WhyNotProbes::build);
        }
    }

    /** Whether the probes of this rule set are compiled already (a question would not wait). */
    public static boolean compiled(CompiledRules rules) {
        return CACHE.containsKey(rules);
    }

    /** Every code some deal rule can raise, sorted. */
    public Set<String> codes() {
        Set<String> codes = new TreeSet<>();
        targets.forEach(t -> codes.addAll(t.codes()));
        return codes;
    }

    /** How many probe rules this rule set was decomposed into. */
    public int probeCount() {
        return probeCount;
    }

    /**
     * Evaluates {@code facts} (the deal's team, as the real evaluation sees it) with the rules and
     * their probes, and answers for every rule that can raise {@code code} (every deal rule when
     * null) what it saw for the deal {@code dealId}. Empty when the facts hold no such deal.
     */
    public List<RuleAnswer> explain(
            FactSet facts,
            PlaybookLibrary playbooks,
            LocalDate asOf,
            String dealId,
            String code,
            EvaluationSettings settings) {
        CompiledRules rules = ruleSet.get();
        if (rules == null) {
            throw new IllegalStateException("asked about a rule set that was closed");
        }
        ContextBuilder.Contexts contexts =
                this.contexts.get(
                        new ContextsKey(facts, playbooks, asOf),
                        k -> ContextBuilder.build(facts, playbooks, asOf));
        DealContext deal =
                contexts.deals().stream()
                        .filter(d -> dealId.equals(d.getDealId()))
                        .findFirst()
                        .orElse(null);
        if (deal == null) {
            return List.of();
        }
        List<Target> asked =
                targets.stream().filter(t -> code == null || t.codes().contains(code)).toList();
        ProbeRecorder probes = new ProbeRecorder();
        KieSession session = sessions.newKieSession();
        try (Deadline deadline = new Deadline(session, Evaluator.DEFAULT_TIME_LIMIT)) {
            // the real rules' consequences write guidance, which needs the firing recorder
            GuidanceCollector ignored = new GuidanceCollector();
            if (rules.declaresGuidance()) {
                session.setGlobal(RuleSafetyPolicy.GUIDANCE_GLOBAL, ignored);
            }
            session.addEventListener(new RealRulesOnly(new FiringRecorder(rules, ignored)));
            session.addEventListener(probes);
            boolean everyDeal = asked.stream().anyMatch(Target::crossDeal);
            int inserted = insert(session, contexts, everyDeal ? null : deal);
            session.insert(new WhyNotTarget(dealId));
            int limit = settings.firingLimit(inserted) + probeCount * (inserted + 1);
            session.fireAllRules(limit);
            if (deadline.expired()) {
                throw new EvaluationFailedException("?", "why-not stopped after its time limit");
            }
        } catch (ThreadDeath stopped) {
            Thread.interrupted();
            throw new EvaluationFailedException("?", "why-not stopped after its time limit");
        } finally {
            session.removeEventListener(probes);
            session.dispose();
        }
        List<RuleAnswer> answers = new ArrayList<>();
        for (Target t : asked) {
            answers.add(answer(rules, t, probes, deal));
        }
        return answers;
    }

    /**
     * The team's facts as the evaluation inserts them; of the deals only {@code onlyDeal} when the
     * rules asked about read no other deal (then the other deals cannot change an answer).
     */
    private static int insert(
            KieSession session, ContextBuilder.Contexts contexts, DealContext onlyDeal) {
        if (onlyDeal == null) {
            return Evaluator.insertAll(session, contexts);
        }
        int n = 0;
        for (Object fact : contexts.teams()) {
            session.insert(fact);
            n++;
        }
        for (Object fact : contexts.reps()) {
            session.insert(fact);
            n++;
        }
        for (Object fact : contexts.accounts()) {
            session.insert(fact);
            n++;
        }
        for (Object fact : contexts.facts().territories()) {
            session.insert(fact);
            n++;
        }
        for (Object fact : contexts.facts().products()) {
            session.insert(fact);
            n++;
        }
        session.insert(onlyDeal);
        return n + 1;
    }

    private static RuleAnswer answer(
            CompiledRules rules, Target t, ProbeRecorder probes, DealContext deal) {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> upToDeal = probes.declarations(t.index(), t.dealPart());
        if (upToDeal == null && t.dealPart() > 0) {
            upToDeal = probes.declarations(t.index(), t.dealPart() - 1);
        }
        if (upToDeal != null) {
            vars.putAll(upToDeal);
        }
        Part dealPart = t.parts().get(t.dealPart());
        if (dealPart.identifier() != null) {
            vars.put(dealPart.identifier(), deal);
        }
        List<Element> elements = new ArrayList<>();
        String firstFailure = null;
        for (int k = 0; k < t.parts().size(); k++) {
            Part part = t.parts().get(k);
            boolean held = probes.held(t.index(), k, -1);
            List<Condition> conditions = new ArrayList<>();
            for (int j = 0; j < part.constraints().size(); j++) {
                Constraint c = part.constraints().get(j);
                boolean one = probes.held(t.index(), k, j);
                Map<String, Object> values = k == t.dealPart() ? c.values(deal, vars) : Map.of();
                if (k == t.dealPart() && c.declares() != null && c.binding() != null) {
                    Object bound = c.binding().value(deal, vars);
                    if (bound != null) {
                        vars.put(c.declares(), bound);
                    }
                }
                conditions.add(
                        new Condition(c.text(), c.line(), one, values, c.sentence(one, values)));
            }
            elements.add(new Element(part.text(), part.line(), held, conditions));
            if (!held && firstFailure == null) {
                List<String> failed =
                        conditions.stream()
                                .filter(c -> !c.held())
                                .map(Condition::sentence)
                                .toList();
                firstFailure =
                        !failed.isEmpty()
                                ? String.join("; ", failed)
                                : part.constraints().isEmpty()
                                        ? "\"" + part.text() + "\" does not hold"
                                        : "each condition of \""
                                                + part.text()
                                                + "\" holds alone, but not together with those"
                                                + " before it";
            }
        }
        boolean matched = probes.held(t.index(), t.parts().size() - 1, -1);
        RuleInfo info = rules.rule(t.pack(), t.name());
        return new RuleAnswer(
                t.name(),
                info == null ? t.file() : info.file(),
                info == null ? null : info.line(),
                List.copyOf(t.codes()),
                matched,
                elements,
                matched
                        ? "every condition held: the rule fired for this deal"
                        : firstFailure == null ? "the rule did not match" : firstFailure);
    }

    // ---- building the probes ----

    /** {@code crossDeal}: its conditions read other deals too (not, accumulate …). */
    private record Target(
            int index,
            String pack,
            String name,
            String file,
            Set<String> codes,
            List<Part> parts,
            int dealPart,
            boolean crossDeal) {}

    /** A top-level condition: its text as written, and a plain pattern's parts to rebuild it. */
    private record Part(
            String text,
            int line,
            String identifier,
            String type,
            List<Constraint> constraints,
            boolean isDeal) {

        String whole(boolean restrictToTarget) {
            return constraints.isEmpty() && !(isDeal && restrictToTarget)
                    ? text
                    : pattern(
                            restrictToTarget, constraints.stream().map(Constraint::text).toList());
        }

        String pattern(boolean restrictToTarget, List<String> kept) {
            List<String> all = new ArrayList<>();
            if (isDeal && restrictToTarget) {
                all.add("dealId == " + TARGET_ID);
            }
            all.addAll(kept);
            return (identifier == null ? "" : identifier + " : ")
                    + type
                    + "( "
                    + String.join(", ", all)
                    + " )";
        }

        /** Constraint {@code j} alone, with the earlier constraints that bind what it uses. */
        String alone(int j) {
            Constraint c = constraints.get(j);
            Set<String> needed = new LinkedHashSet<>();
            Matcher m = VARIABLE.matcher(c.text());
            while (m.find()) {
                needed.add(m.group());
            }
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < j; i++) {
                Constraint earlier = constraints.get(i);
                if (earlier.declares() != null && needed.contains(earlier.declares())) {
                    kept.add(earlier.text());
                }
            }
            kept.add(c.text());
            return pattern(true, kept);
        }
    }

    private static WhyNotProbes build(CompiledRules rules) {
        List<Target> targets = new ArrayList<>();
        Map<String, String> probeFiles = new LinkedHashMap<>();
        Map<String, String> supporting = new LinkedHashMap<>();
        int probes = 0;
        for (RuleSource source : rules.sources()) {
            String path = source.file() + (source.generated() ? ".generated.drl" : "");
            PackageDescr pkg = parse(source.drl());
            if (pkg == null) {
                supporting.put(path, source.drl());
                continue;
            }
            supporting.put(path, supportingOnly(source.drl(), pkg));
            ParserContext mvel = mvelContext(pkg);
            StringBuilder drl = new StringBuilder("package ").append(pkg.getName()).append(";\n");
            for (ImportDescr i : pkg.getImports()) {
                drl.append("import ").append(i.getTarget()).append(";\n");
            }
            for (FunctionImportDescr i : pkg.getFunctionImports()) {
                drl.append("import function ").append(i.getTarget()).append(";\n");
            }
            String packageDialect =
                    pkg.getAttributes().stream()
                            .filter(a -> a.getName().equals("dialect"))
                            .map(AttributeDescr::getValue)
                            .findFirst()
                            .orElse(null);
            boolean any = false;
            for (RuleDescr rule : pkg.getRules()) {
                Target target = target(targets.size(), pkg, rule, source, mvel);
                if (target == null) {
                    continue;
                }
                targets.add(target);
                String dialect = dialect(rule.getAttributes());
                dialect = dialect != null ? dialect : packageDialect;
                for (int k = 0; k < target.parts().size(); k++) {
                    Part part = target.parts().get(k);
                    for (int j = 0; j < part.constraints().size(); j++) {
                        probe(drl, target, k, j, dialect, part.alone(j));
                        probes++;
                    }
                    probe(drl, target, k, -1, dialect, null);
                    probes++;
                }
                any = true;
            }
            if (any) {
                probeFiles.put(source.file() + ".whynot.drl", drl.toString());
            }
        }
        KieBase base;
        try {
            base = compile(supporting, probeFiles);
        } catch (IllegalStateException e) {
            // the real rules cut down did not build on their own: probe next to all of them
            Map<String, String> all = new LinkedHashMap<>();
            for (RuleSource source : rules.sources()) {
                all.put(source.file() + (source.generated() ? ".generated.drl" : ""), source.drl());
            }
            base = compile(all, probeFiles);
        }
        return new WhyNotProbes(rules, base, targets, probes);
    }

    /**
     * A rule file with only the rules that put facts into working memory for others to match
     * ({@code insert}: parameters, tiers, SPIFs, policies) and raise no guidance: what the probes
     * need of the real rules. The others are blanked, lines kept, so the session does not run the
     * whole evaluation again.
     */
    private static String supportingOnly(String drl, PackageDescr pkg) {
        char[] text = drl.toCharArray();
        for (RuleDescr rule : pkg.getRules()) {
            String consequence = String.valueOf(rule.getConsequence());
            boolean supports = consequence.contains("insert") && !consequence.contains("guidance");
            int start = rule.getStartCharacter();
            int end = rule.getEndCharacter();
            if (supports || start < 0 || end <= start || end > text.length) {
                continue;
            }
            for (int i = start; i < end; i++) {
                if (text[i] != '\n') {
                    text[i] = ' ';
                }
            }
        }
        return new String(text);
    }

    private static void probe(
            StringBuilder drl, Target t, int k, int j, String dialect, String last) {
        drl.append("rule \"")
                .append(PROBE)
                .append(t.index())
                .append('|')
                .append(k)
                .append('|')
                .append(j)
                .append("\" salience ")
                .append(PROBE_SALIENCE);
        if (dialect != null) {
            drl.append(" dialect \"").append(dialect).append('"');
        }
        drl.append("\nwhen\n    io.pandu.evaluate.WhyNotTarget( ")
                .append(TARGET_ID)
                .append(" : dealId )\n");
        for (int i = 0; i < k; i++) {
            drl.append("    ").append(t.parts().get(i).whole(true)).append('\n');
        }
        drl.append("    ")
                .append(last != null ? last : t.parts().get(k).whole(true))
                .append("\nthen\nend\n");
    }

    /**
     * A rule worth asking about: it raises a code and its top level (an and of conditions) has a
     * plain {@code DealContext} pattern.
     */
    private static Target target(
            int index, PackageDescr pkg, RuleDescr rule, RuleSource source, ParserContext mvel) {
        Set<String> codes = new TreeSet<>();
        Matcher raises = RAISES.matcher(String.valueOf(rule.getConsequence()));
        while (raises.find()) {
            codes.add(raises.group(1));
        }
        AndDescr lhs = rule.getLhs();
        if (codes.isEmpty() || lhs == null) {
            return null;
        }
        List<Part> parts = new ArrayList<>();
        int dealPart = -1;
        for (BaseDescr d : lhs.getDescrs()) {
            String text = textOf(source.drl(), d);
            if (d instanceof PatternDescr p && plain(p)) {
                boolean isDeal = DEAL_TYPE.equals(simpleName(p.getObjectType()));
                List<Constraint> constraints = new ArrayList<>();
                for (BaseDescr c : p.getConstraint().getDescrs()) {
                    ExprConstraintDescr e = (ExprConstraintDescr) c;
                    constraints.add(Constraint.of(e.getExpression().strip(), e.getLine(), mvel));
                }
                if (isDeal && dealPart < 0) {
                    dealPart = parts.size();
                } else {
                    isDeal = false;
                }
                parts.add(
                        new Part(
                                text,
                                d.getLine(),
                                p.getIdentifier(),
                                p.getObjectType(),
                                constraints,
                                isDeal));
            } else {
                parts.add(new Part(text, d.getLine(), null, null, List.of(), false));
            }
        }
        if (dealPart < 0) {
            return null;
        }
        int deals = 0;
        Matcher mentions =
                Pattern.compile("\\b" + DEAL_TYPE + "\\b").matcher(lhsText(source.drl(), rule));
        while (mentions.find()) {
            deals++;
        }
        return new Target(
                index,
                pkg.getName(),
                rule.getName(),
                source.file(),
                codes,
                parts,
                dealPart,
                deals > 1);
    }

    private static String lhsText(String drl, RuleDescr rule) {
        StringBuilder text = new StringBuilder();
        for (BaseDescr d : rule.getLhs().getDescrs()) {
            text.append(textOf(drl, d)).append('\n');
        }
        return text.toString();
    }

    /** A pattern rebuilt from its type and constraints alone: no {@code from}, query or OOPath. */
    private static boolean plain(PatternDescr p) {
        return p.getSource() == null
                && !p.isQuery()
                && p.getObjectType() != null
                && !p.getObjectType().contains("/")
                && p.getConstraint().getDescrs().stream()
                        .allMatch(
                                c ->
                                        c instanceof ExprConstraintDescr e
                                                && e.getExpression() != null);
    }

    private static String simpleName(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }

    private static String textOf(String drl, BaseDescr d) {
        int start = d.getStartCharacter();
        int end = d.getEndCharacter();
        if (start < 0 || end <= start || end > drl.length()) {
            return String.valueOf(d.getText());
        }
        return drl.substring(start, end).strip();
    }

    private static String dialect(Map<String, AttributeDescr> attributes) {
        AttributeDescr d = attributes == null ? null : attributes.get("dialect");
        return d == null ? null : d.getValue();
    }

    private static PackageDescr parse(String drl) {
        try {
            DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
            PackageDescr pkg = parser.parse(false, drl);
            return parser.hasErrors() ? null : pkg;
        } catch (DroolsParserException e) {
            return null; // it compiled, so this does not happen; the file is then just not probed
        }
    }

    private static ParserContext mvelContext(PackageDescr pkg) {
        ParserContext context = new ParserContext();
        for (ImportDescr i : pkg.getImports()) {
            String target = i.getTarget();
            if (target.endsWith(".*")) {
                continue;
            }
            try {
                Class<?> type = Class.forName(target, false, WhyNotProbes.class.getClassLoader());
                context.addImport(type.getSimpleName(), type);
            } catch (ClassNotFoundException | LinkageError e) {
                // a declared type or a function: not needed to read a value
            }
        }
        return context;
    }

    /**
     * The rules and the probes in one knowledge base; a probe Drools refuses (a constraint that
     * cannot stand alone) is left out, so its condition reads as not held rather than failing the
     * whole answer.
     */
    private static KieBase compile(Map<String, String> real, Map<String, String> probeFiles) {
        Map<String, String> files = new LinkedHashMap<>(probeFiles);
        for (int attempt = 0; attempt < 3; attempt++) {
            KieServices ks = KieServices.Factory.get();
            ReleaseId id =
                    ks.newReleaseId("io.pandu.whynot", "probes-" + System.nanoTime(), "1.0.0");
            KieFileSystem kfs = ks.newKieFileSystem();
            kfs.generateAndWritePomXML(id);
            real.forEach(
                    (path, drl) ->
                            kfs.write(
                                    "src/main/resources/" + path,
                                    drl.getBytes(StandardCharsets.UTF_8)));
            files.forEach(
                    (path, drl) ->
                            kfs.write(
                                    "src/main/resources/" + path,
                                    drl.getBytes(StandardCharsets.UTF_8)));
            KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
            List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
            if (errors.isEmpty()) {
                KieContainer container = ks.newKieContainer(id);
                KieBase base = container.getKieBase();
                ks.getRepository().removeKieModule(id); // the container keeps what it needs
                return base;
            }
            ks.getRepository().removeKieModule(id);
            files = withoutRefused(files, errors);
        }
        throw new IllegalStateException("the why-not probes of this rule set do not compile");
    }

    /** The probe files minus each rule an error message points into (by file and line). */
    private static Map<String, String> withoutRefused(
            Map<String, String> files, List<Message> errors) {
        Map<String, String> kept = new LinkedHashMap<>();
        files.forEach(
                (path, drl) -> {
                    List<String> lines = new ArrayList<>(List.of(drl.split("\n", -1)));
                    boolean changed = false;
                    for (Message m : errors) {
                        if (m.getPath() == null || !m.getPath().endsWith(path)) {
                            continue;
                        }
                        int start = Math.max(0, Math.min(lines.size() - 1, m.getLine() - 1));
                        while (start > 0 && !lines.get(start).startsWith("rule \"" + PROBE)) {
                            start--;
                        }
                        if (!lines.get(start).startsWith("rule \"" + PROBE)) {
                            changed = false; // not in a probe: cannot be placed
                            break;
                        }
                        for (int i = start; i < lines.size(); i++) {
                            boolean last = lines.get(i).equals("end");
                            lines.set(i, "");
                            changed = true;
                            if (last) {
                                break;
                            }
                        }
                    }
                    if (!changed) {
                        // an error we cannot place: drop every probe of the file
                        kept.put(path, drl.substring(0, Math.max(0, drl.indexOf("rule \""))));
                    } else {
                        kept.put(path, String.join("\n", lines));
                    }
                });
        return kept;
    }

    // ---- running ----

    /** Consequences of the real rules need the firing recorder; the probes have none. */
    private static final class RealRulesOnly extends DefaultAgendaEventListener {
        private final FiringRecorder recorder;

        RealRulesOnly(FiringRecorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            if (!event.getMatch().getRule().getName().startsWith(PROBE)) {
                recorder.beforeMatchFired(event);
            }
        }
    }

    /** Which probes fired, and the bindings of the first match of each prefix probe. */
    private static final class ProbeRecorder extends DefaultAgendaEventListener {
        private final Set<String> fired = new java.util.HashSet<>();
        private final Map<String, Map<String, Object>> declarations = new java.util.HashMap<>();

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            Match match = event.getMatch();
            String name = match.getRule().getName();
            if (!name.startsWith(PROBE)) {
                return;
            }
            String key = name.substring(PROBE.length());
            if (fired.add(key) && key.endsWith("|-1")) {
                Map<String, Object> bound = new LinkedHashMap<>();
                for (String id : match.getDeclarationIds()) {
                    if (!id.equals(TARGET_ID)) {
                        bound.put(id, match.getDeclarationValue(id));
                    }
                }
                declarations.put(key, bound);
            }
        }

        boolean held(int target, int part, int constraint) {
            return fired.contains(target + "|" + part + "|" + constraint);
        }

        Map<String, Object> declarations(int target, int part) {
            return declarations.get(target + "|" + part + "|-1");
        }
    }

    // ---- one constraint: its operands, values and sentence ----

    /** An expression compiled with MVEL, read on the deal's context with the rule's bindings. */
    private record Operand(String text, Serializable compiled) {
        Object value(DealContext deal, Map<String, Object> vars) {
            try {
                return MVEL.executeExpression(compiled, deal, new java.util.HashMap<>(vars));
            } catch (RuntimeException e) {
                return null;
            }
        }

        static Operand of(String text, ParserContext context) {
            try {
                return new Operand(text, MVEL.compileExpression(text, context));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * A constraint as written; {@code relation} is {@code left op right} when it is one comparison,
     * {@code flag} a bare boolean expression, {@code operands} all it reads.
     */
    private record Constraint(
            String text,
            int line,
            String declares,
            Operand binding,
            Operand left,
            String operator,
            String right,
            boolean rightLiteral,
            Operand rightOperand,
            Operand flag,
            List<Operand> operands) {

        static Constraint of(String text, int line, ParserContext mvel) {
            Matcher d = DECLARES.matcher(text);
            String declares = d.find() ? d.group(1) : null;
            DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
            ConstraintConnectiveDescr parsed = parser.parse(text);
            Operand binding = null;
            Operand left = null;
            String operator = null;
            String right = null;
            boolean rightLiteral = false;
            Operand rightOperand = null;
            Operand flag = null;
            List<Operand> operands = new ArrayList<>();
            if (!parser.hasErrors() && parsed != null) {
                List<BaseDescr> top = parsed.getDescrs();
                BaseDescr only = top.size() == 1 ? top.get(0) : null;
                if (only instanceof BindingDescr b) {
                    binding = Operand.of(b.getExpression(), mvel);
                    flag = null;
                } else if (only instanceof RelationalExprDescr r) {
                    left = Operand.of(expression(r.getLeft()), mvel);
                    if (r.getLeft() instanceof BindingDescr b) {
                        binding = Operand.of(b.getExpression(), mvel);
                    }
                    operator = (r.isNegated() ? "not " : "") + r.getOperator();
                    right = expression(r.getRight());
                    rightLiteral = r.getRight() instanceof AtomicExprDescr a && a.isLiteral();
                    rightOperand = rightLiteral ? null : Operand.of(right, mvel);
                } else if (only instanceof AtomicExprDescr a && !a.isLiteral()) {
                    flag = Operand.of(a.getExpression(), mvel);
                }
                collect(parsed, operands, mvel);
            }
            return new Constraint(
                    text,
                    line,
                    declares,
                    binding,
                    left,
                    operator,
                    right,
                    rightLiteral,
                    rightOperand,
                    flag,
                    operands);
        }

        private static String expression(BaseDescr d) {
            if (d instanceof BindingDescr b) {
                return b.getExpression();
            }
            if (d instanceof AtomicExprDescr a) {
                return a.getExpression();
            }
            return String.valueOf(d.getText());
        }

        private static void collect(BaseDescr d, List<Operand> out, ParserContext mvel) {
            if (d instanceof ConstraintConnectiveDescr c) {
                c.getDescrs().forEach(x -> collect(x, out, mvel));
            } else if (d instanceof RelationalExprDescr r) {
                collect(r.getLeft(), out, mvel);
                collect(r.getRight(), out, mvel);
            } else if (d instanceof BindingDescr b) {
                add(b.getExpression(), out, mvel);
            } else if (d instanceof AtomicExprDescr a && !a.isLiteral()) {
                add(a.getExpression(), out, mvel);
            }
        }

        private static void add(String expression, List<Operand> out, ParserContext mvel) {
            if (expression == null || expression.isBlank()) {
                return;
            }
            Operand o = Operand.of(expression.strip(), mvel);
            if (o != null && out.stream().noneMatch(x -> x.text().equals(o.text()))) {
                out.add(o);
            }
        }

        Map<String, Object> values(DealContext deal, Map<String, Object> vars) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (Operand o : operands) {
                Object v = o.value(deal, vars);
                if (v != null || !o.text().startsWith("$")) {
                    values.put(o.text(), shown(v));
                }
            }
            return values;
        }

        /** "qualification.economicBuyer is true, the rule needs false" and the like. */
        String sentence(boolean held, Map<String, Object> values) {
            if (left != null && operator != null && values.get(left.text()) != null) {
                String seen = left.text() + " is " + values.get(left.text());
                if (held) {
                    return seen;
                }
                String needs =
                        rightLiteral && operator.equals("==")
                                ? right
                                : rightLiteral || !values.containsKey(right)
                                        ? operator + " " + right
                                        : operator + " " + right + " (" + values.get(right) + ")";
                return seen + ", the rule needs " + needs;
            }
            if (flag != null && values.get(flag.text()) != null) {
                String f = flag.text();
                if (f.startsWith("!") && values.get(f) instanceof Boolean) {
                    String inner = f.substring(1).strip();
                    boolean innerValue = !(Boolean) values.get(f);
                    return held
                            ? inner + " is " + innerValue
                            : inner + " is " + innerValue + ", the rule needs false";
                }
                return held
                        ? f + " is " + values.get(f)
                        : f + " is " + values.get(f) + ", the rule needs true";
            }
            if (held) {
                return text + " holds";
            }
            if (values.isEmpty()) {
                return text + " does not hold";
            }
            List<String> seen = new ArrayList<>();
            values.forEach((k, v) -> seen.add(k + " is " + v));
            return text + " does not hold (" + String.join(", ", seen) + ")";
        }

        /**
         * A value as the answer shows it: numbers, booleans and text as they are, others as text.
         */
        private static Object shown(Object v) {
            if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
                return v;
            }
            return String.valueOf(v);
        }
    }
}
