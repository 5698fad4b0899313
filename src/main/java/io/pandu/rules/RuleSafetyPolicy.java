package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DRL is arbitrary Java and Drools has no sandbox: a consequence can call {@code System.exit} or
 * start a process. Sales ops author rules, so every rule file is checked before it is compiled:
 * imports from an allowlist only, no functions, only the documented global, and no reference to
 * the JVM's process, thread, reflection, file or network APIs anywhere in the file.
 */
public final class RuleSafetyPolicy {

    /** The one global rules may declare, and its type. */
    public static final String GUIDANCE_GLOBAL = "guidance";
    public static final String GUIDANCE_TYPE = "io.pandu.guidance.GuidanceCollector";

    private static final List<String> ALLOWED_IMPORT_PREFIXES = List.of(
            "io.pandu.facts.", "io.pandu.context.", "io.pandu.guidance.", "java.util.", "java.time.", "java.math.");
    /** Parts of java.util that start threads or load code. */
    private static final List<String> FORBIDDEN_IMPORT_PREFIXES = List.of(
            "java.util.concurrent", "java.util.logging", "java.util.jar", "java.util.zip", "java.util.prefs",
            "java.util.spi", "java.util.ServiceLoader", "java.util.Timer");

    private static final Set<String> FORBIDDEN_IDENTIFIERS = Set.of(
            "System", "Runtime", "ProcessBuilder", "Process", "ProcessHandle", "Thread", "ThreadGroup",
            "Class", "ClassLoader", "getClass", "forName", "getClassLoader", "getDeclaredMethod",
            "getDeclaredField", "getMethod", "getField", "setAccessible", "invoke", "newInstance",
            "MethodHandles", "MethodHandle", "Unsafe", "ScriptEngineManager", "Timer", "TimerTask",
            "ServiceLoader", "Executors", "ForkJoinPool", "CompletableFuture", "SecurityManager",
            "wait", "notify", "notifyAll", "synchronized", "while", "do", "exit", "halt", "exec",
            "loadLibrary", "load", "Files", "Paths", "Path", "File", "Socket", "URL", "URI");

    /** Fully qualified names are allowed only into the allowlisted packages. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(java|javax|jdk|sun|com|org|net|io)\\s*\\.\\s*([a-zA-Z_$][\\w$]*)(\\s*\\.\\s*[a-zA-Z_$][\\w$]*)*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");

    public List<Diagnostic> check(String file, String text, PackageDescr pkg) {
        List<Diagnostic> problems = new ArrayList<>();
        String code = SourceText.blankCommentsAndStrings(text);
        for (ImportDescr imp : pkg.getImports()) {
            if (!importAllowed(imp.getTarget())) {
                problems.add(at(file, text, imp.getStartCharacter(), imp.getLine(),
                        "import \"" + imp.getTarget() + "\" is not allowed: rules may import only "
                                + "io.pandu.facts, io.pandu.context, io.pandu.guidance, java.util, java.time and java.math"));
            }
        }
        for (FunctionImportDescr imp : pkg.getFunctionImports()) {
            problems.add(at(file, text, imp.getStartCharacter(), imp.getLine(),
                    "import function \"" + imp.getTarget() + "\" is not allowed"));
        }
        for (AccumulateImportDescr imp : pkg.getAccumulateImports()) {
            problems.add(at(file, text, imp.getStartCharacter(), imp.getLine(),
                    "import accumulate \"" + imp.getTarget() + "\" is not allowed: use the built-in accumulate functions"));
        }
        for (FunctionDescr function : pkg.getFunctions()) {
            problems.add(at(file, text, function.getStartCharacter(), function.getLine(),
                    "function \"" + function.getName() + "\" is not allowed: rule files may not declare functions"));
        }
        for (GlobalDescr global : pkg.getGlobals()) {
            boolean documented = GUIDANCE_GLOBAL.equals(global.getIdentifier())
                    && (GUIDANCE_TYPE.equals(global.getType()) || "GuidanceCollector".equals(global.getType()));
            if (!documented) {
                problems.add(at(file, text, global.getStartCharacter(), global.getLine(),
                        "global \"" + global.getIdentifier() + "\" is not allowed: the only global is `global "
                                + GUIDANCE_TYPE + " " + GUIDANCE_GLOBAL + ";`"));
            }
        }
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            String name = qualified.group().replaceAll("\\s+", "");
            if (isImportOrPackageLine(code, qualified.start())) {
                continue; // imports were checked above, with a clearer message
            }
            if (!importAllowed(name + ".") && !name.startsWith("io.pandu.facts") && !name.startsWith("io.pandu.context") && !name.startsWith("io.pandu.guidance")) {
                problems.add(Diagnostic.error(file, SourceText.line(text, qualified.start()),
                        SourceText.column(text, qualified.start()),
                        "reference to \"" + name + "\" is not allowed in rules"));
            }
        }
        Matcher identifier = IDENTIFIER.matcher(code);
        while (identifier.find()) {
            if (FORBIDDEN_IDENTIFIERS.contains(identifier.group()) && !isImportOrPackageLine(code, identifier.start())) {
                problems.add(Diagnostic.error(file, SourceText.line(text, identifier.start()),
                        SourceText.column(text, identifier.start()),
                        "\"" + identifier.group() + "\" is not allowed in rules (no process, thread, reflection, "
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

    private static boolean isImportOrPackageLine(String code, int offset) {
        int lineStart = code.lastIndexOf('\n', offset - 1) + 1;
        String head = code.substring(lineStart, Math.min(code.length(), lineStart + 40)).stripLeading();
        return head.startsWith("import ") || head.startsWith("package ") || head.startsWith("global ");
    }

    private static Diagnostic at(String file, String text, int startCharacter, int line, String message) {
        if (startCharacter >= 0 && startCharacter < text.length()) {
            return Diagnostic.error(file, SourceText.line(text, startCharacter), SourceText.column(text, startCharacter), message);
        }
        return Diagnostic.error(file, Math.max(line, 0), 1, message);
    }
}
