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
import io.pandu.rules.Snapshot;
import io.pandu.store.AuditLog;
import io.pandu.versions.RuleVersions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule set as the API and the rules studio see it: packs (the top-level folders of the rule
 * directory) with their rules' metadata, the files and their text, validation of pasted rule text,
 * saving an edited rule file (only when the whole set still builds), reloads and versions.
 */
public final class RuleStudio {
    private final RuleRegistry registry;
    private final AuditLog audit;
    private final RuleVersions versions;
    private final RuleCompiler compiler = new RuleCompiler(1);

    public RuleStudio(RuleRegistry registry, AuditLog audit, RuleVersions versions) {
        this.registry = registry;
        this.audit = audit;
        this.versions = versions;
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

    /** The stored versions, newest first, with author, note, parent and the live flag. */
    public List<RuleVersions.VersionView> versions() {
        return versions.versions();
    }

    /**
     * The rule files of the version in use (not of the folder: with a store, what serves is the
     * live version); {@code modifiedAt} is when that version was loaded here.
     */
    public List<RuleFile> files() {
        Snapshot serving = registry.currentSnapshot();
        Instant loadedAt = loadedAt(registry.current().version());
        return serving.under(Snapshot.RULES).entrySet().stream()
                .map(
                        e ->
                                new RuleFile(
                                        e.getKey(),
                                        pack(e.getKey()),
                                        kind(e.getKey()),
                                        e.getValue().length,
                                        loadedAt))
                .toList();
    }

    public Source source(String path) {
        String rel = relative(registry.rulesDir(), resolve(path));
        byte[] content = registry.currentSnapshot().file(Snapshot.RULES + rel);
        if (content == null) {
            throw new NotFoundException("no rule file \"" + path + "\"");
        }
        if (kind(path).equals("spreadsheet")) {
            throw new InvalidInputException(
                    "path", "\"" + path + "\" is a spreadsheet; it has no text to show");
        }
        return new Source(
                rel,
                kind(path),
                new String(content, StandardCharsets.UTF_8),
                registry.current().version());
    }

    private Instant loadedAt(String version) {
        return registry.versions().stream()
                .filter(v -> v.version().equals(version))
                .map(RuleRegistry.VersionInfo::loadedAt)
                .reduce((a, b) -> b)
                .orElse(null);
    }

    /**
     * Checks rule text as part of the whole rule set: the version in use with this file in place
     * (or added), compiled with every check at once (syntax and safety policy of every file, the
     * semantic checks against the playbooks in use and the scenarios' codes), so one answer lists
     * every problem the set would have.
     */
    public Validation validate(String file, String text) {
        String name = file == null || file.isBlank() ? "pasted.drl" : file;
        Map<String, byte[]> files = new TreeMap<>(registry.currentSnapshot().under(Snapshot.RULES));
        files.put(name, text.getBytes(StandardCharsets.UTF_8));
        RuleFiles.Scan scan = RuleFiles.scan(files);
        List<RuleSource> sources = new ArrayList<>(scan.sources());
        sources.addAll(RuleFiles.scenarioSources(files));
        var result = compiler.compile(sources, scan.diagnostics(), registry.current().playbooks());
        if (result.rules() != null) {
            result.rules().close();
        }
        return new Validation(result.ok(), result.diagnostics());
    }

    /**
     * Saves a rule file: the version in use with this file changed becomes a new version ("saved in
     * the studio", audited) and goes live. The whole rule set is built with the new text first: if
     * it does not build, nothing changes and the diagnostics come back (422), so a save never
     * breaks the running rules. A save is also audited with who saved which file and the content
     * hashes before and after (none before: a new file).
     */
    public Reload save(Caller caller, String path, String text) {
        if (!path.toLowerCase(Locale.ROOT).endsWith(".drl")) {
            throw new InvalidInputException("path", "only .drl files can be edited here");
        }
        Path file = resolve(path);
        String rel = relative(registry.rulesDir(), file);
        byte[] old = registry.currentSnapshot().file(Snapshot.RULES + rel);
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        RuleRegistry.ReloadOutcome outcome;
        try {
            outcome = versions.saveFile(caller.username(), Snapshot.RULES + rel, content);
        } catch (RuleSetRejectedException e) {
            throw new RuleSetRejectedException(
                    e.diagnostics().stream()
                            .filter(d -> rel.equals(d.file()) || d.isError())
                            .toList());
        }
        audit.record(
                caller.username(),
                "rule-file-saved",
                "rule-file",
                rel,
                "old " + (old == null ? "(new file)" : sha256(old)) + ", new " + sha256(content));
        return Reload.of(outcome);
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
