package io.pandu.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The codes a rule set documents: those some scenario ({@code scenarios/*.yaml} beside the rules)
 * expects present. Read here as plain YAML, because the scenario package builds on this one; an
 * unreadable scenario documents nothing (the scenario run reports it).
 */
final class DocumentedCodes {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DocumentedCodes() {}

    static boolean isScenario(String path) {
        String p = path.replace('\\', '/').toLowerCase(Locale.ROOT);
        return (p.startsWith("scenarios/") || p.contains("/scenarios/"))
                && (p.endsWith(".yaml") || p.endsWith(".yml"));
    }

    /**
     * Codes the scenarios under a rules directory document; null when it has no scenario at all (a
     * rule set that does not document by scenario is not held to it).
     */
    static Set<String> in(Path rulesDir) {
        if (!Files.isDirectory(rulesDir)) {
            return null;
        }
        Set<String> codes = new TreeSet<>();
        boolean any = false;
        try (Stream<Path> walk = Files.walk(rulesDir)) {
            for (Path p :
                    walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                            .filter(f -> isScenario(rulesDir.relativize(f).toString()))
                            .toList()) {
                any = true;
                codes.addAll(of(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return any ? codes : null;
    }

    /** Codes of the scenario files among these sources; null when there is none. */
    static Set<String> in(List<RuleSource> sources) {
        List<RuleSource> scenarios = sources.stream().filter(s -> isScenario(s.file())).toList();
        if (scenarios.isEmpty()) {
            return null;
        }
        Set<String> codes = new TreeSet<>();
        scenarios.forEach(s -> codes.addAll(of(s.content())));
        return codes;
    }

    static Set<String> of(byte[] yaml) {
        Set<String> codes = new TreeSet<>();
        try {
            JsonNode root = YAML.readTree(yaml);
            if (root == null) {
                return codes;
            }
            for (JsonNode scenario : root.isArray() ? root : List.of(root)) {
                for (JsonNode expected : scenario.path("expect").path("present")) {
                    JsonNode code = expected.get("code");
                    if (code != null && code.isTextual()) {
                        codes.add(code.asText());
                    }
                }
            }
        } catch (IOException e) {
            // documents nothing; the scenario run says why the file cannot be read
        }
        return codes;
    }
}
