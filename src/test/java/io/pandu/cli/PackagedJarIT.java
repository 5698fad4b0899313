package io.pandu.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fat jar as a user runs it: `java -jar target/pandu.jar ...` in a separate JVM. */
class PackagedJarIT {
    private static final Path JAR = Path.of(System.getProperty("pandu.jar", "target/pandu.jar"));

    record Result(int code, String out, String err) {
    }

    static Result pandu(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "pandu did not finish");
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void evaluatesTheShippedSampleIntoAllFourKindsOfGuidance() throws Exception {
        Result r = pandu("evaluate", "--facts", "docs/examples/sample-facts.json");
        assertEquals(0, r.code(), r.err());
        for (String code : List.of("REENGAGE_STALE_DEAL", "DISCOUNT_NEEDS_APPROVAL", "COMMISSION_ESTIMATE", "ACCOUNT_TERRITORY")) {
            assertTrue(r.out().contains("\"code\" : \"" + code + "\""), code + " missing in:\n" + r.out());
        }
        assertTrue(r.out().contains("\"ruleSetVersion\""), r.out());
        assertTrue(r.err().contains("Rule set"), "start-up messages belong on stderr: " + r.err());
    }

    @Test
    void validateReportsEveryBrokenFileAndExitsOne(@TempDir Path tmp) throws Exception {
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("syntax.drl"), """
                package broken
                rule "missing then"
                when
                    String( )
                end
                """);
        Files.writeString(rules.resolve("field.drl"), """
                package broken
                import io.pandu.context.DealContext;
                rule "unknown field"
                when
                    DealContext( stagee == "x" )
                then
                end
                """);
        Result r = pandu("validate", "--rules", rules.toString(), "--playbooks", "playbooks");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("syntax.drl:") && l.contains(": error: ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("field.drl:5:18: error: ")), r.out());
    }

    @Test
    void testCommandPassesTheShippedScenarios() throws Exception {
        Result r = pandu("test");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\d+ passed, 0 failed")), r.out());
    }
}
