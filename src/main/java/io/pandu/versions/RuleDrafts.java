package io.pandu.versions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pandu.auth.Caller;
import io.pandu.errors.ConflictException;
import io.pandu.errors.Diagnostic;
import io.pandu.errors.InvalidInputException;
import io.pandu.errors.NotFoundException;
import io.pandu.evaluate.Evaluator;
import io.pandu.rules.RuleSetBuilder;
import io.pandu.rules.Snapshot;
import io.pandu.scenario.ScenarioResult;
import io.pandu.scenario.ScenarioRunner;
import io.pandu.versions.RuleVersionRepository.StoredDraft;
import io.pandu.versions.RuleVersions.Refusal;
import io.pandu.versions.RuleVersions.ScenarioFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Drafts of the rule set: each is a base version plus changed files, kept in the store, so that
 * several people can prepare changes at once and nothing serves until it is published. Validation,
 * scenarios and publish all build the draft's snapshot through the one build-and-check path.
 */
public final class RuleDrafts {
    /** The largest file a draft takes (the request body limit applies first). */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    private static final SecureRandom IDS = new SecureRandom();

    private final RuleVersions versions;
    private final RuleVersionRepository store;
    private final Evaluator evaluator;
    private volatile java.util.function.BinaryOperator<String> previewSummary =
            (draft, version) -> "no impact preview was run";

    private final List<Runnable> created = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RuleDrafts(RuleVersions versions, Evaluator evaluator) {
        this.versions = versions;
        this.store = versions.store();
        this.evaluator = evaluator;
    }

    public record Created(String id, String baseVersion) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DraftView(
            String id,
            String baseVersion,
            String author,
            Instant createdAt,
            Instant updatedAt,
            List<String> changedFiles,
            List<String> files) {}

    /** A draft file's content; {@code binary} for a spreadsheet. */
    public record DraftFile(String path, byte[] content, boolean binary) {}

    public record Validation(boolean ok, String version, List<Diagnostic> diagnostics) {}

    public record TestRun(
            boolean ok,
            int passed,
            int failed,
            List<Diagnostic> diagnostics,
            List<ScenarioFailure> failingScenarios) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Published(
            String version,
            String parent,
            String baseVersion,
            boolean liveMovedSinceBase,
            String message,
            String files,
            int scenariosPassed) {}

    /** Whether a draft file is bytes (a spreadsheet) rather than UTF-8 text. */
    public static boolean isBinary(String path) {
        return DraftPaths.isBinary(path);
    }

    public Created create(Caller caller, String baseVersion) {
        String base =
                baseVersion == null || baseVersion.isBlank() ? versions.live() : baseVersion.trim();
        if (!store.exists(base)) {
            throw new InvalidInputException("baseVersion", "no rule-set version \"" + base + "\"");
        }
        String id = "d" + HexFormat.of().formatHex(randomBytes());
        store.createDraft(id, base, caller.username(), versions.clock().instant());
        created.forEach(Runnable::run);
        return new Created(id, base);
    }

    /** Runs {@code listener} after each draft is created (the preview prepares the live side). */
    public void onCreate(Runnable listener) {
        created.add(listener);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        IDS.nextBytes(bytes);
        return bytes;
    }

    public List<DraftView> list() {
        return store.drafts().stream().map(d -> view(d, null)).toList();
    }

    public DraftView get(String id) {
        StoredDraft draft = draft(id);
        return view(draft, List.copyOf(snapshot(draft).files().keySet()));
    }

    private static DraftView view(StoredDraft d, List<String> files) {
        return new DraftView(
                d.id(),
                d.baseVersion(),
                d.author(),
                d.createdAt(),
                d.updatedAt(),
                d.changedFiles(),
                files);
    }

    public DraftFile file(String id, String path) {
        DraftPaths.check(path);
        byte[] content = snapshot(draft(id)).file(path);
        if (content == null) {
            throw new NotFoundException("draft " + id + " has no file \"" + path + "\"");
        }
        return new DraftFile(path, content, DraftPaths.isBinary(path));
    }

    /** Sets a file's content in the draft: text files must be UTF-8, spreadsheets are bytes. */
    public DraftView put(String id, String path, byte[] content) {
        DraftPaths.check(path);
        draft(id);
        if (content == null || content.length == 0) {
            throw new InvalidInputException("body", "is empty: send the file's content");
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new InvalidInputException("body", "is larger than " + MAX_FILE_BYTES + " bytes");
        }
        if (!DraftPaths.isBinary(path) && !isUtf8(content)) {
            throw new InvalidInputException(
                    "body", "is not UTF-8 text (send " + path + " as text/plain)");
        }
        store.putDraftFile(id, path, content, versions.clock().instant());
        return get(id);
    }

    /** Removes a file from the draft's rule set (publishing the draft deletes it). */
    public DraftView remove(String id, String path) {
        DraftPaths.check(path);
        StoredDraft draft = draft(id);
        Snapshot base = versions.snapshot(draft.baseVersion());
        if (snapshot(draft).file(path) == null) {
            throw new NotFoundException("draft " + id + " has no file \"" + path + "\"");
        }
        if (base.file(path) == null) {
            store.revertDraftFile(id, path); // a file the draft added: forget it
        } else {
            store.putDraftFile(id, path, null, versions.clock().instant());
        }
        return get(id);
    }

    public void delete(String id) {
        if (!store.deleteDraft(id)) {
            throw new NotFoundException("no draft \"" + id + "\"");
        }
    }

    /** Every diagnostic of the draft's rule set, in one answer, with project-relative paths. */
    public Validation validate(String id) {
        Snapshot snapshot = snapshot(draft(id));
        RuleSetBuilder.Candidate candidate = versions.registry().prepare(snapshot);
        try {
            return new Validation(candidate.ok(), snapshot.id(), candidate.projectDiagnostics());
        } finally {
            candidate.discard();
        }
    }

    /**
     * The draft's rule set built and checked as publish would build it, for an impact preview; the
     * caller discards it when done.
     */
    public RuleSetBuilder.Candidate candidate(String id) {
        return versions.registry().prepare(snapshot(draft(id)));
    }

    /** The scenario suites of the draft, run against the draft's compiled rules. */
    public TestRun test(String id) {
        Snapshot snapshot = snapshot(draft(id));
        RuleSetBuilder.Candidate candidate = versions.registry().prepare(snapshot);
        try {
            return run(candidate);
        } finally {
            candidate.discard();
        }
    }

    private TestRun run(RuleSetBuilder.Candidate candidate) {
        if (!candidate.ok()) {
            return new TestRun(false, 0, 0, candidate.projectDiagnostics(), List.of());
        }
        List<ScenarioResult> results = scenarios(candidate);
        List<ScenarioFailure> failing =
                results.stream()
                        .filter(r -> !r.passed())
                        .map(r -> new ScenarioFailure("rules/" + r.file(), r.name(), r.failures()))
                        .toList();
        return new TestRun(
                failing.isEmpty(),
                results.size() - failing.size(),
                failing.size(),
                candidate.projectDiagnostics(),
                failing);
    }

    /**
     * Scenario files are read from a temporary copy of the snapshot's rules/ (the runner reads a
     * folder); the rules they run against are the candidate's, compiled from memory.
     */
    private List<ScenarioResult> scenarios(RuleSetBuilder.Candidate candidate) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("pandu-draft-");
            candidate.snapshot().writeTo(dir);
            Path rules = dir.resolve("rules");
            if (!Files.isDirectory(rules)) {
                return List.of();
            }
            return new ScenarioRunner(evaluator).runAll(rules, candidate.ruleSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /**
     * Publishes the draft: only when it validates with no error and every scenario passes (else 409
     * with the diagnostics and failing scenarios). It becomes a version whose parent is the version
     * live now, goes live, is audited with the note and the per-file diff, and the draft is gone.
     */
    /**
     * Where a publish's audit gets the summary of the draft's impact preview, given the draft and
     * the version it publishes.
     */
    public void previewSummaries(java.util.function.BinaryOperator<String> summary) {
        this.previewSummary = summary;
    }

    public Published publish(Caller caller, String id, String note) {
        RuleVersions.requireNote(note);
        synchronized (versions) {
            StoredDraft draft = draft(id);
            Snapshot snapshot = snapshot(draft);
            RuleSetBuilder.Candidate candidate = versions.registry().prepare(snapshot);
            TestRun tests;
            try {
                tests = run(candidate);
            } catch (RuntimeException e) {
                candidate.discard();
                throw e;
            }
            if (!tests.ok()) {
                candidate.discard();
                throw new ConflictException(
                        candidate.ok()
                                ? tests.failed() + " scenario(s) fail; the draft is not published"
                                : candidate.errors().size()
                                        + " error(s) in the draft; it is not published",
                        null,
                        new Refusal(tests.diagnostics(), tests.failingScenarios()));
            }
            String live = versions.live();
            boolean moved = !draft.baseVersion().equals(live);
            String files = versions.diffSummary(snapshot);
            String message =
                    moved
                            ? "the live version moved from the draft's base "
                                    + draft.baseVersion()
                                    + " to "
                                    + live
                                    + " since the draft was made; the draft replaces "
                                    + live
                                    + " as it is (it validates and its scenarios pass)"
                            : "published on top of " + live;
            if (snapshot.id().equals(live)) {
                candidate.discard();
                throw new ConflictException(
                        "the draft is the same as the live version "
                                + live
                                + "; nothing to publish",
                        null,
                        null);
            }
            versions.goLive(
                    candidate,
                    caller.username(),
                    note.trim(),
                    "rule-version-published",
                    "draft "
                            + id
                            + " (base "
                            + draft.baseVersion()
                            + "); "
                            + files
                            + "; "
                            + previewSummary.apply(id, snapshot.id()));
            store.deleteDraft(id);
            return new Published(
                    snapshot.id(),
                    live,
                    draft.baseVersion(),
                    moved,
                    message,
                    files,
                    tests.passed());
        }
    }

    private StoredDraft draft(String id) {
        return store.draft(id).orElseThrow(() -> new NotFoundException("no draft \"" + id + "\""));
    }

    private Snapshot snapshot(StoredDraft draft) {
        Map<String, byte[]> changes = store.draftChanges(draft.id());
        return versions.snapshot(draft.baseVersion()).with(changes);
    }

    private static boolean isUtf8(byte[] content) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is no failure
        }
    }
}
