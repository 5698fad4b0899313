package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

/**
 * Finds the rule files of a directory tree. Drools 10 silently skips a decision table that is not
 * named {@code *.drl.xlsx}; here every spreadsheet is loaded, and a plain CSV is rejected with a
 * message rather than ignored, so no rule an author wrote disappears without a word.
 */
public final class RuleFiles {

    private RuleFiles() {}

    /** Sources in path order (so the version hash is stable) plus problems found while reading. */
    public record Scan(List<RuleSource> sources, List<Diagnostic> diagnostics) {}

    public static Scan scan(Path dir) {
        List<RuleSource> sources = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            diagnostics.add(
                    Diagnostic.error(dir.toString(), 0, 0, "rules directory does not exist"));
            return new Scan(sources, diagnostics);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path path : files) {
            String rel = dir.relativize(path).toString().replace('\\', '/');
            if (Files.isSymbolicLink(path)) {
                // a link could make the rule set read any file the service can; rules are real
                // files
                diagnostics.add(
                        Diagnostic.warning(
                                rel,
                                0,
                                0,
                                "a symbolic link: not read (rule files must be real files)"));
                continue;
            }
            try {
                classify(rel, Files.readAllBytes(path), sources, diagnostics);
            } catch (IOException e) {
                diagnostics.add(Diagnostic.error(rel, 0, 0, "cannot read: " + e.getMessage()));
            }
        }
        sources.removeIf(s -> s == null);
        return new Scan(sources, diagnostics);
    }

    /**
     * The rule files of a rule set held in memory (path relative to the rules folder to content),
     * e.g. a stored version: the same reading as {@link #scan(Path)}, without the disk.
     */
    public static Scan scan(java.util.Map<String, byte[]> filesByRelativePath) {
        List<RuleSource> sources = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        new java.util.TreeMap<>(filesByRelativePath)
                .forEach((rel, bytes) -> classify(rel, bytes, sources, diagnostics));
        sources.removeIf(s -> s == null);
        return new Scan(sources, diagnostics);
    }

    private static void classify(
            String rel, byte[] bytes, List<RuleSource> sources, List<Diagnostic> diagnostics) {
        String name = rel.substring(rel.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".drl")) {
            sources.add(
                    new RuleSource(rel, new String(bytes, StandardCharsets.UTF_8), false, bytes));
        } else if (name.endsWith(".drl.csv")) {
            sources.add(table(rel, bytes, InputType.CSV, diagnostics));
        } else if (name.endsWith(".xlsx") || name.endsWith(".xls")) {
            sources.add(table(rel, bytes, InputType.XLS, diagnostics));
        } else if (name.endsWith(".csv")) {
            diagnostics.add(
                    Diagnostic.error(
                            rel,
                            0,
                            0,
                            "CSV file is not loaded: name a CSV decision table *.drl.csv, or move data files out of the rules directory"));
        } else if (!isCompanionFile(name)) {
            diagnostics.add(Diagnostic.warning(rel, 0, 0, "not a rule file; ignored"));
        }
    }

    /** Scenarios, parameters and notes live beside the rules they belong to. */
    private static boolean isCompanionFile(String name) {
        return name.endsWith(".yaml")
                || name.endsWith(".yml")
                || name.endsWith(".md")
                || name.endsWith(".txt")
                || name.startsWith(".")
                || name.endsWith("~");
    }

    private static RuleSource table(
            String rel, byte[] bytes, InputType type, List<Diagnostic> diagnostics) {
        try {
            String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(bytes), type);
            return new RuleSource(rel, drl, true, bytes);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            diagnostics.add(
                    Diagnostic.error(rel, 0, 0, "decision table cannot be read: " + message));
            return null;
        }
    }

    /**
     * The scenario files among {@code filesByRelativePath}, as sources: the compiler reads them for
     * the codes they document and never compiles them.
     */
    public static List<RuleSource> scenarioSources(
            java.util.Map<String, byte[]> filesByRelativePath) {
        List<RuleSource> scenarios = new ArrayList<>();
        filesByRelativePath.forEach(
                (path, bytes) -> {
                    if (RuleCompiler.isScenario(path)) {
                        scenarios.add(
                                new RuleSource(
                                        path,
                                        new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
                                        false,
                                        bytes));
                    }
                });
        return scenarios;
    }
}
