package io.pandu.rules;

import io.pandu.errors.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file of a rule set, read once into memory: paths relative to the project root ({@code
 * rules/playbook/stale-deals.drl}, {@code playbooks/velocity.yaml}) to their bytes. What is
 * compiled is this snapshot and its {@link #id()} is the hash of these same bytes, so a version
 * label can never cover other content (an edit on disk during a compile changes nothing here).
 */
public final class Snapshot {
    public static final String RULES = "rules/";
    public static final String PLAYBOOKS = "playbooks/";

    private final SortedMap<String, byte[]> files;
    private final List<Diagnostic> readProblems;
    private final String id;

    private Snapshot(SortedMap<String, byte[]> files, List<Diagnostic> readProblems) {
        this.files = Collections.unmodifiableSortedMap(files);
        this.readProblems = List.copyOf(readProblems);
        this.id = hash(files);
    }

    /** A snapshot of these files (project-relative path to bytes); the bytes are copied. */
    public static Snapshot of(Map<String, byte[]> files) {
        SortedMap<String, byte[]> copy = new TreeMap<>();
        files.forEach((path, bytes) -> copy.put(path, bytes.clone()));
        return new Snapshot(copy, List.of());
    }

    /**
     * Reads both folders once. Symbolic links are not followed (a link could make the rule set read
     * any file the service can) and are reported as warnings.
     */
    public static Snapshot read(Path rulesDir, Path playbooksDir) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        List<Diagnostic> problems = new ArrayList<>();
        readInto(rulesDir, RULES, files, problems);
        readInto(playbooksDir, PLAYBOOKS, files, problems);
        return new Snapshot(files, problems);
    }

    private static void readInto(
            Path dir, String prefix, SortedMap<String, byte[]> files, List<Diagnostic> problems) {
        if (!Files.isDirectory(dir)) {
            String what = prefix.equals(RULES) ? "rules" : "playbooks";
            problems.add(
                    Diagnostic.error(dir.toString(), 0, 0, what + " directory does not exist"));
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.filter(p -> !Files.isDirectory(p)).sorted().toList()) {
                String rel = dir.relativize(path).toString().replace('\\', '/');
                if (Files.isSymbolicLink(path)
                        || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    problems.add(
                            Diagnostic.warning(
                                    rel,
                                    0,
                                    0,
                                    "a symbolic link: not read (rule files must be real files)"));
                    continue;
                }
                try {
                    files.put(prefix + rel, Files.readAllBytes(path));
                } catch (IOException e) {
                    problems.add(Diagnostic.error(rel, 0, 0, "cannot read: " + e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content hash: 12 hex digits of the SHA-256 over every path and its bytes, in order. */
    public String id() {
        return id;
    }

    /** Path to bytes, sorted by path (callers must not change the arrays). */
    public SortedMap<String, byte[]> files() {
        return files;
    }

    /** Problems met while reading folders (links not followed, unreadable files). */
    public List<Diagnostic> readProblems() {
        return readProblems;
    }

    public byte[] file(String path) {
        return files.get(path);
    }

    /** The files under {@code prefix}, keyed by the rest of their path. */
    public Map<String, byte[]> under(String prefix) {
        Map<String, byte[]> result = new TreeMap<>();
        files.forEach(
                (path, bytes) -> {
                    if (path.startsWith(prefix)) {
                        result.put(path.substring(prefix.length()), bytes);
                    }
                });
        return result;
    }

    /** A copy with {@code path} set to {@code bytes}, or removed when {@code bytes} is null. */
    public Snapshot with(Map<String, byte[]> changes) {
        SortedMap<String, byte[]> next = new TreeMap<>(files);
        changes.forEach(
                (path, bytes) -> {
                    if (bytes == null) {
                        next.remove(path);
                    } else {
                        next.put(path, bytes.clone());
                    }
                });
        return new Snapshot(next, List.of());
    }

    /**
     * What changed from this snapshot to {@code next}: each differing path to its new bytes, or to
     * null when {@code next} no longer has it.
     */
    public Map<String, byte[]> changesTo(Snapshot next) {
        Map<String, byte[]> changes = new TreeMap<>();
        next.files.forEach(
                (path, bytes) -> {
                    if (!java.util.Arrays.equals(bytes, files.get(path))) {
                        changes.put(path, bytes);
                    }
                });
        files.keySet().stream()
                .filter(path -> !next.files.containsKey(path))
                .forEach(path -> changes.put(path, null));
        return changes;
    }

    /** The same files, carrying the problems met while reading a folder (for diagnostics). */
    public Snapshot withReadProblems(List<Diagnostic> problems) {
        return new Snapshot(new TreeMap<>(files), problems);
    }

    /** Writes the snapshot as {@code rules/} and {@code playbooks/} under {@code root}. */
    public void writeTo(Path root) {
        Path base = root.toAbsolutePath().normalize();
        try {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path target = base.resolve(e.getKey()).normalize();
                if (!target.startsWith(base)) {
                    throw new IllegalStateException(
                            "a stored path leaves the folder: " + e.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(SortedMap<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Long.toString(e.getValue().length).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(e.getValue());
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
