package io.pandu.playbook;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pandu.errors.Diagnostic;
import io.pandu.facts.ActivityType;
import io.pandu.facts.Qualification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads {@code playbooks/*.yaml} and validates them as a whole: duplicate ids, stage aliases that
 * two stages answer to, plays a stage names but nobody defines, unknown exit criteria. Every
 * problem is reported with its file and line.
 */
public final class PlaybookLoader {

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file format; kept apart from {@link Playbook} so the model carries no YAML concerns. */
    private record PlaybookFile(
            String id,
            String name,
            String description,
            @JsonProperty("default") boolean isDefault,
            Map<String, Double> parameters,
            List<Stage> stages,
            List<Play> plays) {}

    public record Result(PlaybookLibrary library, List<Diagnostic> diagnostics) {
        public boolean ok() {
            return library != null;
        }
    }

    public Result load(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new Result(
                    null,
                    List.of(
                            Diagnostic.error(
                                    dir.toString(), 0, 0, "playbooks directory does not exist")));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> isPlaybookFile(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Diagnostic> unreadable = new ArrayList<>();
        Map<String, String> texts = new TreeMap<>();
        for (Path path : files) {
            String file = path.getFileName().toString();
            try {
                texts.put(file, Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                unreadable.add(Diagnostic.error(file, 0, 0, "cannot read: " + e.getMessage()));
            }
        }
        Result result = load(texts, dir.toString());
        if (unreadable.isEmpty()) {
            return result;
        }
        unreadable.addAll(result.diagnostics());
        return new Result(null, unreadable);
    }

    /** Whether a file of the playbooks folder is a playbook ({@code *.yaml}, {@code *.yml}). */
    public static boolean isPlaybookFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /**
     * Loads playbooks held in memory (file name to YAML text), e.g. a stored rule-set version;
     * {@code where} names their folder in a "no playbook found" diagnostic.
     */
    public Result load(Map<String, String> textsByFileName, String where) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, String> sorted = new TreeMap<>(textsByFileName);
        List<String> files = List.copyOf(sorted.keySet());
        List<Playbook> playbooks = new ArrayList<>();
        Map<String, String> playOwners = new HashMap<>();
        Map<String, String> playbookFiles = new HashMap<>();
        for (String file : files) {
            String text = sorted.get(file);
            Playbook playbook = parse(file, text, diagnostics);
            if (playbook == null) {
                continue;
            }
            YamlLocations at = YamlLocations.of(text);
            validate(file, playbook, at, playOwners, diagnostics);
            String other = playbookFiles.putIfAbsent(playbook.id(), file);
            if (other != null) {
                diagnostics.add(
                        Diagnostic.error(
                                file,
                                at.line("id"),
                                1,
                                "playbook id \""
                                        + playbook.id()
                                        + "\" is already defined in "
                                        + other));
            }
            playbooks.add(playbook);
        }
        List<Playbook> defaults = playbooks.stream().filter(Playbook::isDefault).toList();
        String defaultId = null;
        if (defaults.size() > 1) {
            diagnostics.add(
                    Diagnostic.error(
                            defaults.get(1).sourceFile(),
                            1,
                            1,
                            "more than one playbook is marked default: "
                                    + defaults.stream().map(Playbook::id).toList()));
        } else if (defaults.size() == 1) {
            defaultId = defaults.get(0).id();
        } else if (playbooks.size() == 1) {
            defaultId = playbooks.get(0).id();
        } else if (!playbooks.isEmpty()) {
            diagnostics.add(
                    Diagnostic.error(
                            playbooks.get(0).sourceFile(),
                            1,
                            1,
                            "several playbooks and none is marked `default: true`"));
        } else if (files.isEmpty()) {
            diagnostics.add(Diagnostic.error(where, 0, 0, "no playbook found (*.yaml)"));
        }
        boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
        return new Result(failed ? null : new PlaybookLibrary(playbooks, defaultId), diagnostics);
    }

    private Playbook parse(String file, String text, List<Diagnostic> diagnostics) {
        try {
            PlaybookFile f = YAML.readValue(text, PlaybookFile.class);
            if (f == null) {
                diagnostics.add(Diagnostic.error(file, 1, 1, "empty playbook file"));
                return null;
            }
            return new Playbook(
                    f.id(),
                    f.name(),
                    f.description(),
                    f.isDefault(),
                    f.parameters(),
                    f.stages(),
                    f.plays(),
                    file);
        } catch (JsonMappingException e) {
            var loc = e.getLocation();
            String path =
                    e.getPath().stream()
                            .map(
                                    r ->
                                            r.getIndex() >= 0
                                                    ? "[" + r.getIndex() + "]"
                                                    : "." + r.getFieldName())
                            .reduce("", String::concat)
                            .replaceFirst("^\\.", "");
            String message =
                    e instanceof UnrecognizedPropertyException unknown
                            ? "unknown field \""
                                    + unknown.getPropertyName()
                                    + "\" (known: "
                                    + unknown.getKnownPropertyIds().stream()
                                            .map(String::valueOf)
                                            .sorted()
                                            .toList()
                                    + ")"
                            : e.getOriginalMessage()
                                    .split("\n")[0]
                                    .replaceAll(" \\(class [^)]*\\)", "");
            // the YAML parser stands past the offending token, often on the next line; the path is
            // exact
            int line =
                    path.isEmpty()
                            ? (loc == null ? 0 : loc.getLineNr())
                            : YamlLocations.of(text).line(path);
            int column = path.isEmpty() ? (loc == null ? 0 : loc.getColumnNr()) : 1;
            diagnostics.add(
                    Diagnostic.error(
                            file, line, column, (path.isEmpty() ? "" : path + ": ") + message));
        } catch (IOException e) {
            diagnostics.add(Diagnostic.error(file, 0, 0, e.getMessage().split("\n")[0]));
        }
        return null;
    }

    private void validate(
            String file,
            Playbook playbook,
            YamlLocations at,
            Map<String, String> playOwners,
            List<Diagnostic> diagnostics) {
        if (playbook.id() == null || playbook.id().isBlank()) {
            diagnostics.add(Diagnostic.error(file, 1, 1, "playbook has no id"));
        }
        if (playbook.openStages().isEmpty()) {
            diagnostics.add(
                    Diagnostic.error(file, at.line("stages"), 1, "playbook defines no open stage"));
        }
        Set<String> playIds = new HashSet<>();
        for (int i = 0; i < playbook.plays().size(); i++) {
            Play play = playbook.plays().get(i);
            String path = "plays[" + i + "]";
            if (play.id() == null || play.id().isBlank()) {
                diagnostics.add(
                        Diagnostic.error(file, at.line(path), 1, path + ": play has no id"));
                continue;
            }
            if (play.title() == null || play.title().isBlank()) {
                diagnostics.add(
                        Diagnostic.error(
                                file,
                                at.line(path + ".id"),
                                1,
                                "play \"" + play.id() + "\" has no title"));
            }
            String owner = playOwners.putIfAbsent(play.id(), file);
            if (!playIds.add(play.id()) || owner != null) {
                diagnostics.add(
                        Diagnostic.error(
                                file,
                                at.line(path + ".id"),
                                1,
                                "duplicate play id \""
                                        + play.id()
                                        + "\""
                                        + (owner != null && !owner.equals(file)
                                                ? " (also in " + owner + ")"
                                                : "")));
            }
        }
        Set<String> stageIds = new HashSet<>();
        Map<String, String> aliasOwner = new HashMap<>();
        for (int i = 0; i < playbook.stages().size(); i++) {
            Stage stage = playbook.stages().get(i);
            String path = "stages[" + i + "]";
            if (stage.id() == null || stage.id().isBlank()) {
                diagnostics.add(
                        Diagnostic.error(file, at.line(path), 1, path + ": stage has no id"));
                continue;
            }
            if (!stageIds.add(stage.id())) {
                diagnostics.add(
                        Diagnostic.error(
                                file,
                                at.line(path + ".id"),
                                1,
                                "duplicate stage id \"" + stage.id() + "\""));
            }
            List<String> names = new ArrayList<>(stage.aliases());
            names.add(stage.id());
            for (String name : names) {
                String previous = aliasOwner.putIfAbsent(name.toLowerCase(Locale.ROOT), stage.id());
                if (previous != null && !previous.equals(stage.id())) {
                    diagnostics.add(
                            Diagnostic.error(
                                    file,
                                    at.line(path + ".aliases"),
                                    1,
                                    "stage name \""
                                            + name
                                            + "\" is used by both \""
                                            + previous
                                            + "\" and \""
                                            + stage.id()
                                            + "\""));
                }
            }
            for (int j = 0; j < stage.plays().size(); j++) {
                String playId = stage.plays().get(j);
                if (playbook.play(playId).isEmpty()) {
                    diagnostics.add(
                            Diagnostic.error(
                                    file,
                                    at.line(path + ".plays[" + j + "]"),
                                    1,
                                    "stage \""
                                            + stage.id()
                                            + "\" names play \""
                                            + playId
                                            + "\" that this playbook does not define"));
                }
            }
            checkCriteria(file, at, path + ".exitCriteria", stage.exitCriteria(), diagnostics);
            checkCriteria(file, at, path + ".entryCriteria", stage.entryCriteria(), diagnostics);
            if (stage.maxDays() != null && stage.maxDays() <= 0) {
                diagnostics.add(
                        Diagnostic.error(
                                file, at.line(path + ".maxDays"), 1, "maxDays must be positive"));
            }
        }
    }

    private static void checkCriteria(
            String file,
            YamlLocations at,
            String path,
            List<String> criteria,
            List<Diagnostic> diagnostics) {
        for (int j = 0; j < criteria.size(); j++) {
            String criterion = criteria.get(j);
            boolean known;
            if (criterion.startsWith("activity:")) {
                try {
                    ActivityType.fromJson(criterion.substring("activity:".length()));
                    known = true;
                } catch (IllegalArgumentException e) {
                    known = false;
                }
            } else {
                known = Qualification.isCriterion(criterion);
            }
            if (!known) {
                diagnostics.add(
                        Diagnostic.error(
                                file,
                                at.line(path + "[" + j + "]"),
                                1,
                                "unknown criterion \""
                                        + criterion
                                        + "\": use a qualification field (economicBuyer, champion, "
                                        + "metrics, decisionCriteria, decisionProcess, paperProcess, pain) or activity:<type>"));
            }
        }
    }
}
