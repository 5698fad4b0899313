package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.facts.Deal;
import io.pandu.ingest.MavenCrmReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pandu generate`: a Maven CRM–shaped pipeline of any size that the product's import reads. */
class GenerateCommandTest {
    @TempDir Path tmp;

    @Test
    void writesADeterministicPipelineThatTheMavenCrmReaderReadsWithoutRejects() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        CliRun run =
                CliRun.of("generate", "--deals", "20000", "--reps", "70", "--out", a.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out()
                        .startsWith(
                                "Wrote 20000 deals, 70 reps under 10 managers, 200 accounts, 7 products"),
                run.out());
        assertEquals(
                0,
                CliRun.of("generate", "--deals", "20000", "--reps", "70", "--out", b.toString())
                        .exitCode());
        for (String csv :
                new String[] {
                    "sales_pipeline.csv", "sales_teams.csv", "accounts.csv", "products.csv"
                }) {
            assertArrayEquals(
                    Files.readAllBytes(a.resolve(csv)), Files.readAllBytes(b.resolve(csv)), csv);
        }

        MavenCrmReader.Result read = new MavenCrmReader().read(a, LocalDate.parse("2017-12-31"));
        assertTrue(read.report().rejected().isEmpty(), read.report().rejected().toString());
        assertEquals(20000, read.facts().deals().size());
        assertEquals(70, read.facts().reps().size());
        Map<String, Long> stages =
                read.facts().deals().stream()
                        .collect(Collectors.groupingBy(Deal::stage, Collectors.counting()));
        // the Maven CRM data: 48 % won, 28 % lost, 18 % engaging, 6 % prospecting
        assertShare(stages, "Won", 0.48);
        assertShare(stages, "Lost", 0.28);
        assertShare(stages, "Engaging", 0.18);
        assertShare(stages, "Prospecting", 0.06);
    }

    @Test
    void refusesANonPositiveSizeNamingTheOption() {
        CliRun run = CliRun.of("generate", "--deals", "0", "--reps", "3", "--out", tmp.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--deals"), run.err());
    }

    private static void assertShare(Map<String, Long> stages, String stage, double expected) {
        double share = stages.getOrDefault(stage, 0L) / 20000.0;
        assertTrue(Math.abs(share - expected) < 0.02, stage + " " + share + " of " + stages);
    }
}
