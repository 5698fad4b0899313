package io.pandu.versions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;
import com.github.difflib.patch.Patch;
import io.pandu.rules.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** What changed between two snapshots, file by file, as unified diffs (java-diff-utils). */
public record VersionDiff(String from, String to, List<FileDiff> files) {

    /** One file that differs; {@code unified} is null for a binary file (a spreadsheet). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileDiff(
            String path, String change, int linesAdded, int linesRemoved, String unified) {}

    public static VersionDiff between(String fromId, Snapshot from, String toId, Snapshot to) {
        List<FileDiff> files = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(from.files().keySet());
        paths.addAll(to.files().keySet());
        for (String path : paths) {
            byte[] a = from.file(path);
            byte[] b = to.file(path);
            if (a != null && b != null && Arrays.equals(a, b)) {
                continue;
            }
            String change = a == null ? "added" : b == null ? "removed" : "changed";
            if (isBinary(path)) {
                files.add(new FileDiff(path, change, 0, 0, null));
                continue;
            }
            List<String> before = lines(a);
            List<String> after = lines(b);
            Patch<String> patch = DiffUtils.diff(before, after);
            int added = 0;
            int removed = 0;
            for (AbstractDelta<String> delta : patch.getDeltas()) {
                if (delta.getType() != DeltaType.EQUAL) {
                    added += delta.getTarget().size();
                    removed += delta.getSource().size();
                }
            }
            String unified =
                    String.join(
                            "\n",
                            UnifiedDiffUtils.generateUnifiedDiff(
                                    a == null ? "/dev/null" : "a/" + path,
                                    b == null ? "/dev/null" : "b/" + path,
                                    before,
                                    patch,
                                    3));
            files.add(new FileDiff(path, change, added, removed, unified));
        }
        return new VersionDiff(fromId, toId, files);
    }

    /** "rules/x.drl changed (+3 -1), playbooks/y.yaml added (+40 -0)", or "no file changed". */
    public String summary() {
        if (files.isEmpty()) {
            return "no file changed";
        }
        return String.join(
                ", ",
                files.stream()
                        .map(
                                f ->
                                        f.path()
                                                + " "
                                                + f.change()
                                                + (f.unified() == null
                                                        ? " (binary)"
                                                        : " (+"
                                                                + f.linesAdded()
                                                                + " -"
                                                                + f.linesRemoved()
                                                                + ")"))
                        .toList());
    }

    static boolean isBinary(String path) {
        String name = path.toLowerCase(Locale.ROOT);
        return name.endsWith(".xlsx") || name.endsWith(".xls");
    }

    private static List<String> lines(byte[] bytes) {
        if (bytes == null) {
            return List.of();
        }
        return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    }
}
