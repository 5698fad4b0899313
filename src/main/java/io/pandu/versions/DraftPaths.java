package io.pandu.versions;

import io.pandu.errors.InvalidInputException;
import java.util.Locale;

/**
 * Which paths a draft may hold: relative to the project root, under rules/ or playbooks/, no {@code
 * ..}, no absolute path, no backslash, and only the kinds of file a rule set is made of.
 */
final class DraftPaths {
    static final int MAX_LENGTH = 300;

    private DraftPaths() {}

    static String check(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException(
                    "path", "is required, e.g. rules/playbook/stale-deals.drl");
        }
        if (path.length() > MAX_LENGTH) {
            throw new InvalidInputException("path", "is longer than " + MAX_LENGTH + " characters");
        }
        if (path.startsWith("/") || path.contains("\\") || path.contains(":")) {
            throw new InvalidInputException(
                    "path",
                    "must be relative to the project root, like rules/playbook/stale-deals.drl");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidInputException(
                        "path",
                        "must not contain empty, \".\" or \"..\" segments: \"" + path + "\"");
            }
            if (segment.chars().anyMatch(ch -> ch < 0x20)) {
                throw new InvalidInputException("path", "must not contain control characters");
            }
        }
        if (!path.startsWith("rules/") && !path.startsWith("playbooks/")) {
            throw new InvalidInputException(
                    "path", "must be under rules/ or playbooks/: \"" + path + "\"");
        }
        String name = path.toLowerCase(Locale.ROOT);
        boolean known =
                name.endsWith(".drl")
                        || name.endsWith(".drl.csv")
                        || name.endsWith(".xlsx")
                        || name.endsWith(".xls")
                        || name.endsWith(".yaml")
                        || name.endsWith(".yml");
        if (!known) {
            throw new InvalidInputException(
                    "path",
                    "must name a .drl, .drl.csv, .xlsx, .yaml or .yml file: \"" + path + "\"");
        }
        if (path.startsWith("playbooks/") && !(name.endsWith(".yaml") || name.endsWith(".yml"))) {
            throw new InvalidInputException("path", "playbooks/ holds playbook YAML only");
        }
        return path;
    }

    static boolean isBinary(String path) {
        return VersionDiff.isBinary(path);
    }
}
