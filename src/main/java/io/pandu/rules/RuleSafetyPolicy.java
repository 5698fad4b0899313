package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 * start a process. Sales ops author rules, so every rule file is checked before it is compiled:
 * imports from an allowlist only, no functions, only the documented global, and no reference to the
 * JVM's process, thread, reflection, file or network APIs anywhere in the file.
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

    private static final List<String> ALLOWED_IMPORT_PREFIXES =
            List.of(
                    "io.pandu.facts.",
                    "io.pandu.context.",
                    "io.pandu.guidance.",
                    "java.util.",
                    "java.time.",
                    "java.math.");

    /** Parts of java.util that start threads or load code. */
    private static final List<String> FORBIDDEN_IMPORT_PREFIXES =
            List.of(
                    "java.util.concurrent",
                    "java.util.logging",
                    "java.util.jar",
                    "java.util.zip",
                    "java.util.prefs",
                    "java.util.spi",
                    "java.util.ServiceLoader",
                    "java.util.Timer",
                    "java.util.Formatter");

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

    /** Fully qualified names are allowed only into the allowlisted packages. */
    private static final Pattern QUALIFIED =
            Pattern.compile(
                    "\\b(java|javax|jdk|sun|com|org|net|io)\\s*\\.\\s*([a-zA-Z_$][\\w$]*)(\\s*\\.\\s*[a-zA-Z_$][\\w$]*)*");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");

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
                                        + "\" is not allowed: rules may import only "
                                        + "io.pandu.facts, io.pandu.context, io.pandu.guidance, java.util, java.time and java.math"));
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
            if (!importAllowed(name + ".")
                    && !name.startsWith("io.pandu.facts")
                    && !name.startsWith("io.pandu.context")
                    && !name.startsWith("io.pandu.guidance")) {
                problems.add(
                        Diagnostic.error(
                                file,
                                SourceText.line(text, qualified.start()),
                                SourceText.column(text, qualified.start()),
                                "reference to \"" + name + "\" is not allowed in rules"));
            }
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
        for (String forbidden : FORBIDDEN_IMPORT_PREFIXES) {
            if (target.startsWith(forbidden)) {
                return false;
            }
        }
        for (String prefix : ALLOWED_IMPORT_PREFIXES) {
            if (target.startsWith(prefix)) {
                return true;
            }
        }
        return false;
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
