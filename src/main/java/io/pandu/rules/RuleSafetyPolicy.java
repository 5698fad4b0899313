package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;

/**
 * DRL is arbitrary Java and Drools has no sandbox: a consequence can call {@code System.exit} or
 * start a process. Sales ops author rules, so every rule file is checked before it is compiled
 * against an ALLOW-LIST ({@link RuleTypes}): imports, qualified names and type names only of the
 * fact, context and guidance types, the playbook and a few JDK value types; no functions, only the
 * documented global, no array creation, no loops, and no reflection, process or engine methods. The
 * compiled rule code is checked against the same list afterwards ({@link #checkCompiled}), which
 * sees the types that chained calls reach and the text does not name, and so are the compiled
 * rules' MVEL expressions, conditions and MVEL consequences ({@link #checkCompiledExpressions}).
 *
 * <p>Names are looked for in the code only, not in comments and strings, so a reason may quote
 * "System.exit". What counts as a comment or a string is decided the way each consumer of the text
 * would decide it: the DRL lexer and MVEL (strings span lines) and Java (text blocks, and unicode
 * escapes read before anything else; those are refused outright).
 */
public final class RuleSafetyPolicy {

    /** The one global rules may declare, and its type. */
    public static final String GUIDANCE_GLOBAL = "guidance";

    public static final String GUIDANCE_TYPE = "io.pandu.guidance.GuidanceCollector";

    private static final Set<String> FORBIDDEN_IDENTIFIERS =
            Set.of(
                    "System",
                    "Runtime",
                    "ProcessBuilder",
                    "Process",
                    "ProcessHandle",
                    "Thread",
                    "ThreadGroup",
                    "Class",
                    "ClassLoader",
                    "getClass",
                    "forName",
                    "getClassLoader",
                    "getDeclaredMethod",
                    "getDeclaredField",
                    "getMethod",
                    "getField",
                    "setAccessible",
                    "invoke",
                    "newInstance",
                    "MethodHandles",
                    "MethodHandle",
                    "Unsafe",
                    "ScriptEngineManager",
                    "Timer",
                    "TimerTask",
                    "ServiceLoader",
                    "Executors",
                    "ForkJoinPool",
                    "CompletableFuture",
                    "SecurityManager",
                    "wait",
                    "notify",
                    "notifyAll",
                    "synchronized",
                    "while",
                    "do",
                    "for",
                    "foreach",
                    "until",
                    // endless streams: a consequence that never returns cannot be stopped by the
                    // firing limit
                    "iterate",
                    "generate",
                    "exit",
                    "halt",
                    "exec",
                    "loadLibrary",
                    "load",
                    "Files",
                    "Paths",
                    "Path",
                    "File",
                    "Socket",
                    "URL",
                    "URI",
                    // new Formatter("name") creates the file; class/classLoader are MVEL's spelling
                    // of getClass()/getClassLoader()
                    "Formatter",
                    "class",
                    "classLoader",
                    "loadClass",
                    "defineClass",
                    // the session's knowledge base is shared by every evaluation: a rule must not
                    // reach it
                    "getKieRuntime",
                    "getKieBase",
                    "getKnowledgeRuntime",
                    "kieRuntime",
                    "kieBase",
                    "removeRule",
                    "removeKiePackage",
                    "getEntryPoint",
                    "dispose");

    /** Fully qualified names are allowed only for the allow-listed types and their members. */
    private static final Pattern QUALIFIED =
            Pattern.compile(
                    "\\b(java|javax|jdk|sun|com|org|net|io)\\s*\\.\\s*([a-zA-Z_$][\\w$]*)(\\s*\\.\\s*[a-zA-Z_$][\\w$]*)*");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");

    /**
     * A type name as rules write one: capitalised and not all capitals (those are constants such as
     * {@code DealContext.NEVER}), not reached through a dot (a member).
     */
    private static final Pattern TYPE_NAME = Pattern.compile("(?<![\\w$])[A-Z][\\w$]*[a-z][\\w$]*");

    /** {@code new long[...]}, {@code new String[] {...}}: a rule has no use for arrays. */
    private static final Pattern ARRAY_CREATION =
            Pattern.compile("\\bnew\\s+[\\w$.]+\\s*(<[^>]*>)?\\s*\\[");

    private static final String ALLOWED_TYPES_TEXT =
            "rules may use only the fact, context and guidance types, the playbook, and String,"
                    + " Math, boxed numbers, java.math, java.time and collections";

    /** A backslash that Java reads as the start of a unicode escape: one not itself escaped. */
    private static final Pattern UNICODE_ESCAPE =
            Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*(\\\\u+[0-9A-Fa-f]{0,4})");

    private static final Pattern PACKAGE_STATEMENT =
            Pattern.compile("\\s*package\\s+[\\w$]+(\\s*\\.\\s*[\\w$]+)*\\s*;?");
    private static final Pattern IMPORT_KEYWORDS =
            Pattern.compile("import\\s+(function\\s+|accumulate\\s+)?");

    public List<Diagnostic> check(String file, String text, PackageDescr pkg) {
        List<Diagnostic> problems = new ArrayList<>();
        for (ImportDescr imp : pkg.getImports()) {
            if (!importAllowed(imp.getTarget())) {
                problems.add(
                        atImportTarget(
                                file,
                                text,
                                imp,
                                "import \""
                                        + imp.getTarget()
                                        + "\" is not allowed: "
                                        + ALLOWED_TYPES_TEXT));
            }
        }
        for (FunctionImportDescr imp : pkg.getFunctionImports()) {
            problems.add(
                    atImportTarget(
                            file,
                            text,
                            imp,
                            "import function \"" + imp.getTarget() + "\" is not allowed"));
        }
        for (AccumulateImportDescr imp : pkg.getAccumulateImports()) {
            problems.add(
                    atImportTarget(
                            file,
                            text,
                            imp,
                            "import accumulate \""
                                    + imp.getTarget()
                                    + "\" is not allowed: use the built-in accumulate functions"));
        }
        for (FunctionDescr function : pkg.getFunctions()) {
            problems.add(
                    at(
                            file,
                            text,
                            function.getStartCharacter(),
                            function.getLine(),
                            "function \""
                                    + function.getName()
                                    + "\" is not allowed: rule files may not declare functions"));
        }
        for (GlobalDescr global : pkg.getGlobals()) {
            boolean documented =
                    GUIDANCE_GLOBAL.equals(global.getIdentifier())
                            && (GUIDANCE_TYPE.equals(global.getType())
                                    || "GuidanceCollector".equals(global.getType()));
            if (!documented) {
                problems.add(
                        at(
                                file,
                                text,
                                global.getStartCharacter(),
                                global.getLine(),
                                "global \""
                                        + global.getIdentifier()
                                        + "\" is not allowed: the only global is `global "
                                        + GUIDANCE_TYPE
                                        + " "
                                        + GUIDANCE_GLOBAL
                                        + ";`"));
            }
        }
        Matcher escape = UNICODE_ESCAPE.matcher(text);
        while (escape.find()) {
            problems.add(
                    Diagnostic.error(
                            file,
                            SourceText.line(text, escape.start(1)),
                            SourceText.column(text, escape.start(1)),
                            "unicode escape \""
                                    + escape.group(1)
                                    + "\" is not allowed in rules: Java reads it as the character "
                                    + "itself, even inside a comment or string; write the character"));
        }
        // the same name seen by both readings is one problem
        LinkedHashSet<Diagnostic> names = new LinkedHashSet<>();
        for (boolean javaTextBlocks : new boolean[] {false, true}) {
            names.addAll(
                    forbiddenNames(
                            file,
                            text,
                            SourceText.blankCommentsAndStrings(text, javaTextBlocks),
                            pkg));
        }
        problems.addAll(names);
        return problems;
    }

    /**
     * The compiled rule code against the same allow-list: every type a generated class refers to
     * (owners of the methods it calls, their parameter and return types) must be allowed, or be the
     * engine's own. This catches what the text cannot see, e.g. {@code name().chars()} reaching an
     * IntStream. Each problem is reported at the member's first use in a file of the class's
     * package.
     *
     * @param classes generated class files by path ({@code playbook/Rule_X.class})
     * @param sourcesByPackage the rule files of each DRL package
     */
    public List<Diagnostic> checkCompiled(
            Map<String, byte[]> classes, Map<String, List<RuleSource>> sourcesByPackage) {
        LinkedHashSet<Diagnostic> problems = new LinkedHashSet<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            String path = entry.getKey();
            int slash = path.lastIndexOf('/');
            String pkg = slash < 0 ? "" : path.substring(0, slash).replace('/', '.');
            List<RuleSource> sources = sourcesByPackage.getOrDefault(pkg, List.of());
            Map<String, Set<String>> types;
            try {
                types = ClassReferences.of(entry.getValue());
            } catch (IllegalArgumentException e) {
                problems.add(
                        Diagnostic.error(
                                sources.isEmpty() ? "(rule set)" : sources.get(0).file(),
                                0,
                                1,
                                "compiled rule code could not be checked: " + e.getMessage()));
                continue;
            }
            for (Map.Entry<String, Set<String>> type : types.entrySet()) {
                String name = type.getKey();
                if (RuleTypes.compiledAllowed(name, sourcesByPackage.keySet())
                        || !seen.add(pkg + "|" + name)) {
                    continue;
                }
                problems.add(compiledProblem(sources, name, type.getValue()));
            }
        }
        return new ArrayList<>(problems);
    }

    /**
     * The MVEL expressions of the compiled rules against the allow-list: every pattern constraint
     * (conditions are MVEL whatever the rule's dialect, so the class-file check never sees them)
     * and every MVEL-dialect consequence. Each chain of members is resolved from what the compiled
     * knowledge says its names are ({@link ExpressionTypes}), and each type it reaches must be
     * allowed: {@code DealContext( getDeal().name().chars().count() > 0 )} reaches an IntStream the
     * text never names.
     *
     * @param loader the class loader of the compiled rules (declared types live there)
     * @param consequences each rule's consequence as written, by "package.rule name" (the compiled
     *     MVEL consequence keeps its text to itself)
     * @param sourcesByPackage the rule files of each DRL package
     */
    public List<Diagnostic> checkCompiledExpressions(
            org.kie.api.KieBase kieBase,
            ClassLoader loader,
            Map<String, String> consequences,
            Map<String, List<RuleSource>> sourcesByPackage) {
        Map<String, Class<?>> statics = RuleTypes.bySimpleName(loader);
        LinkedHashSet<Diagnostic> problems = new LinkedHashSet<>();
        for (org.kie.api.definition.KiePackage pkg : kieBase.getKiePackages()) {
            List<RuleSource> sources = sourcesByPackage.getOrDefault(pkg.getName(), List.of());
            Map<String, Set<String>> reached = new java.util.LinkedHashMap<>();
            for (org.kie.api.definition.rule.Rule r : pkg.getRules()) {
                if (!(r instanceof org.drools.base.definitions.rule.impl.RuleImpl rule)) {
                    continue;
                }
                Map<String, Class<?>> variables = new java.util.HashMap<>();
                rule.getDeclarations()
                        .forEach(
                                (name, d) -> {
                                    if (d.getDeclarationClass() != null) {
                                        variables.put(name, d.getDeclarationClass());
                                    }
                                });
                Class<?> guidance = load(GUIDANCE_TYPE, loader);
                if (guidance != null) {
                    variables.put(GUIDANCE_GLOBAL, guidance);
                }
                walk(
                        rule.getLhs(),
                        loader,
                        variables,
                        statics,
                        reached,
                        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
                String consequence = consequences.get(pkg.getName() + "." + rule.getName());
                if ("mvel".equals(rule.getDialect()) && consequence != null) {
                    merge(reached, ExpressionTypes.reached(consequence, null, variables, statics));
                }
            }
            for (Map.Entry<String, Set<String>> type : reached.entrySet()) {
                if (!RuleTypes.expressionAllowed(type.getKey(), sourcesByPackage.keySet())) {
                    problems.add(compiledProblem(sources, type.getKey(), type.getValue()));
                }
            }
        }
        return new ArrayList<>(problems);
    }

    private static void walk(
            org.drools.base.rule.RuleConditionElement element,
            ClassLoader loader,
            Map<String, Class<?>> variables,
            Map<String, Class<?>> statics,
            Map<String, Set<String>> reached,
            Set<Object> seen) {
        if (element == null || !seen.add(element)) {
            return;
        }
        if (element instanceof org.drools.base.rule.Pattern pattern) {
            Class<?> self =
                    pattern.getDeclaration() != null
                                    && pattern.getDeclaration().getDeclarationClass() != null
                            ? pattern.getDeclaration().getDeclarationClass()
                            : load(pattern.getObjectType().getClassName(), loader);
            for (org.drools.base.rule.constraint.Constraint c : pattern.getConstraints()) {
                if (c instanceof org.drools.mvel.MVELConstraint mvel) {
                    merge(
                            reached,
                            ExpressionTypes.reached(
                                    mvel.getExpression(), self, variables, statics));
                }
            }
            walk(pattern.getSource(), loader, variables, statics, reached, seen);
        }
        for (org.drools.base.rule.RuleConditionElement nested : element.getNestedElements()) {
            walk(nested, loader, variables, statics, reached, seen);
        }
    }

    private static void merge(Map<String, Set<String>> into, Map<String, Set<String>> more) {
        more.forEach(
                (type, members) ->
                        into.computeIfAbsent(type, t -> new LinkedHashSet<>()).addAll(members));
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return name == null ? null : Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** At the earliest use of a member through which the type was met (or of its name). */
    private static Diagnostic compiledProblem(
            List<RuleSource> sources, String type, Set<String> members) {
        String simple = type.substring(type.lastIndexOf('.') + 1).replace('$', '.');
        List<String> words = new ArrayList<>(members);
        words.add(simple);
        RuleSource at = null;
        int best = -1;
        String word = simple;
        for (RuleSource source : sources) {
            if (source.generated() || at != null) {
                continue;
            }
            String code = SourceText.blankCommentsAndStrings(source.drl());
            for (String w : words) {
                Matcher m =
                        Pattern.compile("(?<![\\w$])" + Pattern.quote(w) + "(?![\\w$])")
                                .matcher(code);
                if (m.find() && (best < 0 || m.start() < best)) {
                    best = m.start();
                    word = w;
                    at = source;
                }
            }
        }
        String message =
                "the compiled rule code uses "
                        + type.replace('$', '.')
                        + (word.equals(simple) ? "" : " (through \"" + word + "\")")
                        + ", which is not allowed in rules: "
                        + ALLOWED_TYPES_TEXT;
        if (at == null) {
            return Diagnostic.error(
                    sources.isEmpty() ? "(rule set)" : sources.get(0).file(), 0, 1, message);
        }
        return Diagnostic.error(
                at.file(),
                SourceText.line(at.drl(), best),
                SourceText.column(at.drl(), best),
                message);
    }

    /**
     * Forbidden identifiers and qualified names in code (comments and strings blanked), outside the
     * declarations checked above.
     */
    private static List<Diagnostic> forbiddenNames(
            String file, String text, String code, PackageDescr pkg) {
        List<Diagnostic> problems = new ArrayList<>();
        List<int[]> declarations = declarationSpans(code, pkg);
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            String name = qualified.group().replaceAll("\\s+", "");
            if (within(declarations, qualified.start())) {
                continue; // imports and globals were checked above, with a clearer message
            }
            if (!RuleTypes.allowedOrMember(name)) {
                problems.add(
                        Diagnostic.error(
                                file,
                                SourceText.line(text, qualified.start()),
                                SourceText.column(text, qualified.start()),
                                "reference to \""
                                        + name
                                        + "\" is not allowed in rules: "
                                        + ALLOWED_TYPES_TEXT));
            }
        }
        Set<String> declared = declaredTypes(pkg);
        Matcher type = TYPE_NAME.matcher(code);
        while (type.find()) {
            String name = type.group();
            if (!RuleTypes.SIMPLE_NAMES.contains(name)
                    && !declared.contains(name)
                    && !FORBIDDEN_IDENTIFIERS.contains(name) // reported below, with its reason
                    && !within(declarations, type.start())
                    && !partOfQualifiedName(code, type.start())) {
                problems.add(
                        Diagnostic.error(
                                file,
                                SourceText.line(text, type.start()),
                                SourceText.column(text, type.start()),
                                "type \""
                                        + name
                                        + "\" is not allowed in rules: "
                                        + ALLOWED_TYPES_TEXT));
            }
        }
        Matcher array = ARRAY_CREATION.matcher(code);
        while (array.find()) {
            problems.add(
                    Diagnostic.error(
                            file,
                            SourceText.line(text, array.start()),
                            SourceText.column(text, array.start()),
                            "creating an array is not allowed in rules (a huge one would exhaust"
                                    + " the server's memory): use a collection"));
        }
        Matcher identifier = IDENTIFIER.matcher(code);
        while (identifier.find()) {
            if (FORBIDDEN_IDENTIFIERS.contains(identifier.group())
                    && !within(declarations, identifier.start())) {
                problems.add(
                        Diagnostic.error(
                                file,
                                SourceText.line(text, identifier.start()),
                                SourceText.column(text, identifier.start()),
                                "\""
                                        + identifier.group()
                                        + "\" is not allowed in rules (no process, thread, reflection, "
                                        + "file, network or looping code)"));
            }
        }
        return problems;
    }

    static boolean importAllowed(String target) {
        String name = target.strip();
        if (name.endsWith(".*")) {
            return RuleTypes.allowedWildcard(name.substring(0, name.length() - 2));
        }
        return RuleTypes.allowed(name);
    }

    /** Types and enums the rule files declare themselves ({@code declare Foo ... end}). */
    private static Set<String> declaredTypes(PackageDescr pkg) {
        Set<String> names = new java.util.HashSet<>();
        pkg.getTypeDeclarations().forEach(t -> names.add(t.getTypeName()));
        pkg.getEnumDeclarations().forEach(t -> names.add(t.getTypeName()));
        return names;
    }

    /** A capitalised word inside {@code java.time.LocalDate}: the qualified-name check has it. */
    private static boolean partOfQualifiedName(String code, int start) {
        int i = start - 1;
        while (i >= 0 && Character.isWhitespace(code.charAt(i))) {
            i--;
        }
        return i >= 0 && code.charAt(i) == '.';
    }

    /**
     * Where the package statement, imports and globals stand, as [start, end) offsets. Only those
     * exact spans are skipped: a rule written on the same line as an import is still code.
     */
    private static List<int[]> declarationSpans(String code, PackageDescr pkg) {
        List<int[]> spans = new ArrayList<>();
        Matcher packageStatement = PACKAGE_STATEMENT.matcher(code);
        if (packageStatement.lookingAt()) {
            spans.add(new int[] {packageStatement.start(), packageStatement.end()});
        }
        List<BaseDescr> declarations = new ArrayList<>();
        declarations.addAll(pkg.getImports());
        declarations.addAll(pkg.getFunctionImports());
        declarations.addAll(pkg.getAccumulateImports());
        declarations.addAll(pkg.getGlobals());
        for (BaseDescr d : declarations) {
            if (d.getStartCharacter() >= 0 && d.getEndCharacter() >= d.getStartCharacter()) {
                spans.add(new int[] {d.getStartCharacter(), d.getEndCharacter() + 1});
            }
        }
        return spans;
    }

    private static boolean within(List<int[]> spans, int offset) {
        return spans.stream().anyMatch(span -> offset >= span[0] && offset < span[1]);
    }

    /**
     * At the name an import names, not at the keyword: that name is what the author must change.
     */
    private static Diagnostic atImportTarget(
            String file, String text, BaseDescr imp, String message) {
        int start = imp.getStartCharacter();
        if (start >= 0 && start < text.length()) {
            Matcher keywords = IMPORT_KEYWORDS.matcher(text).region(start, text.length());
            if (keywords.lookingAt()) {
                start = keywords.end();
            }
        }
        return at(file, text, start, imp.getLine(), message);
    }

    private static Diagnostic at(
            String file, String text, int startCharacter, int line, String message) {
        if (startCharacter >= 0 && startCharacter < text.length()) {
            return Diagnostic.error(
                    file,
                    SourceText.line(text, startCharacter),
                    SourceText.column(text, startCharacter),
                    message);
        }
        return Diagnostic.error(file, Math.max(line, 0), 1, message);
    }
}
