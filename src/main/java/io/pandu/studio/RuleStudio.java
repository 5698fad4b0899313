package io.pandu.studio;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.auth.Caller;
import io.pandu.errors.Diagnostic;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.playbook.Playbook;
import io.pandu.rules.RuleCompiler;
import io.pandu.rules.RuleFiles;
import io.pandu.rules.RuleInfo;
import io.pandu.rules.RuleRegistry;
import io.pandu.rules.RuleSet;
import io.pandu.rules.RuleSetRejectedException;
import io.pandu.rules.RuleSource;
import io.pandu.scenario.ScenarioRunner;
import io.pandu.store.AuditLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The rule set as the API and the rules studio see it: packs (the top-level folders of the rule
 * directory) with their rules' metadata, the files and their text, validation of pasted rule text,
 * saving an edited rule file (only when the whole set still builds), reloads and versions.
 */
public final class RuleStudio {
    private final RuleRegistry registry;
    private final AuditLog audit;
    private final RuleCompiler compiler = new RuleCompiler(1);

    public RuleStudio(RuleRegistry registry, AuditLog audit) {
        this.registry = registry;
        this.audit = audit;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Catalogue(
            String version,
            Instant loadedAt,
            int ruleCount,
            List<Pack> packs,
            List<Diagnostic> warnings,
            List<Diagnostic> lastReloadError) {}

    public record Pack(String name, List<String> files, List<RuleInfo> rules) {}

    public record RuleFile(String path, String pack, String kind, long size, Instant modifiedAt) {}

    public record Source(String path, String kind, String text, String ruleSetVersion) {}

    public record Validation(boolean ok, List<Diagnostic> diagnostics) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reload(
            boolean ok, boolean changed, String version, List<Diagnostic> diagnostics, Instant at) {
        public static Reload of(RuleRegistry.ReloadOutcome o) {
            return new Reload(o.ok(), o.changed(), o.version(), o.diagnostics(), o.at());
        }
    }

    public Catalogue catalogue() {
        RuleSet set = registry.current();
        Map<String, List<String>> files = new TreeMap<>();
        Map<String, List<RuleInfo>> rules = new TreeMap<>();
        set.rules()
                .files()
                .forEach(f -> files.computeIfAbsent(pack(f), p -> new ArrayList<>()).add(f));
        set.rules()
                .rules()
                .values()
                .forEach(
                        r ->
                                rules.computeIfAbsent(
                                                r.file() == null ? "" : pack(r.file()),
                                                p -> new ArrayList<>())
                                        .add(r));
        List<Pack> packs =
                files.entrySet().stream()
                        .map(
                                e ->
                                        new Pack(
                                                e.getKey(),
                                                e.getValue(),
                                                rules.getOrDefault(e.getKey(), List.of())))
                        .toList();
        Instant loadedAt =
                registry.versions().stream()
                        .filter(v -> v.version().equals(set.version()))
                        .map(RuleRegistry.VersionInfo::loadedAt)
                        .reduce((a, b) -> b)
                        .orElse(null);
        List<Diagnostic> error = registry.lastError();
        return new Catalogue(
                set.version(),
                loadedAt,
                set.rules().rules().size(),
                packs,
                set.rules().warnings(),
                error.isEmpty() ? null : error);
    }

    /** Newest first. */
    public List<RuleRegistry.VersionInfo> versions() {
        List<RuleRegistry.VersionInfo> versions = new ArrayList<>(registry.versions());
        java.util.Collections.reverse(versions);
        return versions;
    }

    public List<RuleFile> files() {
        Path dir = registry.rulesDir();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .map(
                            p -> {
                                String rel = relative(dir, p);
                                try {
                                    return new RuleFile(
                                            rel,
                                            pack(rel),
                                            kind(rel),
                                            Files.size(p),
                                            Files.getLastModifiedTime(p).toInstant());
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Source source(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no rule file \"" + path + "\"");
        }
        if (kind(path).equals("spreadsheet")) {
            throw new InvalidInputException(
                    "path", "\"" + path + "\" is a spreadsheet; it has no text to show");
        }
        try {
            return new Source(
                    relative(registry.rulesDir(), file),
                    kind(path),
                    Files.readString(file, StandardCharsets.UTF_8),
                    registry.loaded() ? registry.current().version() : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks rule text as part of the whole rule set: the running files with this one in place (or
     * added), compiled with every check at once (syntax and safety policy of every file, the
     * semantic checks against the playbooks in use and the scenarios' codes), so one answer lists
     * every problem the set would have.
     */
    public Validation validate(String file, String text) {
        String name = file == null || file.isBlank() ? "pasted.drl" : file;
        RuleFiles.Scan scan = RuleFiles.scan(registry.rulesDir());
        List<RuleSource> sources =
                new ArrayList<>(
                        scan.sources().stream().filter(s -> !s.file().equals(name)).toList());
        sources.add(new RuleSource(name, text, false, text.getBytes(StandardCharsets.UTF_8)));
        sources.addAll(scenarioSources());
        var result = compiler.compile(sources, scan.diagnostics(), registry.current().playbooks());
        if (result.rules() != null) {
            result.rules().close();
        }
        return new Validation(result.ok(), result.diagnostics());
    }

    /** The scenario files beside the rules: they say which codes are documented. */
    private List<RuleSource> scenarioSources() {
        Path dir = registry.rulesDir();
        List<RuleSource> scenarios = new ArrayList<>();
        for (Path p : ScenarioRunner.files(dir)) {
            try {
                byte[] bytes = Files.readAllBytes(p);
                scenarios.add(
                        new RuleSource(
                                relative(dir, p),
                                new String(bytes, StandardCharsets.UTF_8),
                                false,
                                bytes));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return scenarios;
    }

    /**
     * Saves a rule file and reloads. The whole rule set is built with the new text first: if it
     * does not build, nothing is written and the diagnostics come back (422), so a save never
     * breaks the running rules. A save is audited with who saved which file, the content hashes
     * before and after (none before: a new file), and when.
     */
    public Reload save(Caller caller, String path, String text) {
        if (!path.toLowerCase(Locale.ROOT).endsWith(".drl")) {
            throw new InvalidInputException("path", "only .drl files can be edited here");
        }
        Path file = resolve(path);
        String rel = relative(registry.rulesDir(), file);
        RuleFiles.Scan scan = RuleFiles.scan(registry.rulesDir());
        List<RuleSource> sources =
                new ArrayList<>(
                        scan.sources().stream().filter(s -> !s.file().equals(rel)).toList());
        sources.add(new RuleSource(rel, text, false, text.getBytes(StandardCharsets.UTF_8)));
        sources.addAll(scenarioSources());
        var candidate =
                compiler.compile(sources, scan.diagnostics(), registry.current().playbooks());
        if (!candidate.ok()) {
            throw new RuleSetRejectedException(
                    candidate.diagnostics().stream()
                            .filter(d -> d.file().equals(rel) || d.isError())
                            .toList());
        }
        candidate.rules().close();
        String before = Files.isRegularFile(file) ? contentHash(file) : null;
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".pandu-", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(
                caller.username(),
                "rule-file-saved",
                "rule-file",
                rel,
                "old "
                        + (before == null ? "(new file)" : before)
                        + ", new "
                        + sha256(text.getBytes(StandardCharsets.UTF_8)));
        return reload();
    }

    private static String contentHash(Path file) {
        try {
            return sha256(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 of a file's bytes, as {@code sha256:} and 64 hex digits. */
    static String sha256(byte[] content) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public record PlaybookSummary(
            String id,
            String name,
            String description,
            boolean isDefault,
            int stages,
            int plays,
            String sourceFile) {}

    public List<PlaybookSummary> playbooks() {
        return registry.current().playbooks().playbooks().stream()
                .map(
                        p ->
                                new PlaybookSummary(
                                        p.id(),
                                        p.name(),
                                        p.description(),
                                        p.isDefault(),
                                        p.stages().size(),
                                        p.plays().size(),
                                        p.sourceFile()))
                .toList();
    }

    public Playbook playbook(String id) {
        return registry.current()
                .playbooks()
                .find(id)
                .orElseThrow(() -> new NotFoundException("no playbook \"" + id + "\""));
    }

    public Reload reload() {
        return Reload.of(registry.reload());
    }

    private Path resolve(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("path", "is required");
        }
        Path root = registry.rulesDir().toAbsolutePath().normalize();
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)
                || file.equals(root)
                || path.startsWith("/")
                || path.contains("\\")) {
            throw new InvalidInputException(
                    "path",
                    "must be a path inside the rules directory, like playbook/stale-deals.drl");
        }
        // lexically inside is not enough: a symbolic link on the way could lead anywhere
        for (Path p = file; !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new InvalidInputException(
                        "path",
                        "\""
                                + path
                                + "\" goes through a symbolic link; the studio reads and writes only"
                                + " real files inside the rules directory");
            }
        }
        return file;
    }

    private static String relative(Path dir, Path file) {
        return dir.toAbsolutePath()
                .normalize()
                .relativize(file.toAbsolutePath().normalize())
                .toString()
                .replace('\\', '/');
    }

    private static String pack(String file) {
        int slash = file.indexOf('/');
        return slash < 0 ? "(top level)" : file.substring(0, slash);
    }

    private static String kind(String file) {
        String name = file.toLowerCase(Locale.ROOT);
        if (name.endsWith(".drl")) {
            return "drl";
        }
        if (name.endsWith(".drl.csv")) {
            return "decision-table";
        }
        if (name.endsWith(".xlsx") || name.endsWith(".xls")) {
            return "spreadsheet";
        }
        if (name.contains("/scenarios/") || name.endsWith(".yaml") || name.endsWith(".yml")) {
            return "scenario";
        }
        return "other";
    }
}
