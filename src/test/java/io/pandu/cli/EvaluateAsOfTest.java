package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code pandu evaluate --maven-crm DIR --as-of D} evaluates the pipeline as it was on D, as the
 * store's deal history does: a deal engaged later did not exist, one closed later was open. The
 * expected counts are read from the CSV here, independently of Pandu's reader.
 */
class EvaluateAsOfTest {
    private static final String DATA = "src/main/resources/demo/maven-crm";

    @Test
    void asOfSeptember30TheCliEvaluatesTheDealsThatExistedAndWereOpenThen() throws Exception {
        LocalDate sept30 = LocalDate.parse("2017-09-30");
        int existed = 0;
        int open = 0;
        for (CSVRecord r : csv()) {
            String engaged = r.get("engage_date");
            String closed = r.get("close_date");
            if (engaged.isEmpty()) { // a prospect with no dates: known since ever, open
                existed++;
                open++;
            } else if (!LocalDate.parse(engaged).isAfter(sept30)) {
                existed++;
                if (closed.isEmpty() || LocalDate.parse(closed).isAfter(sept30)) {
                    open++;
                }
            }
        }
        CliRun run =
                CliRun.of(
                        "evaluate",
                        "--rules",
                        "rules",
                        "--playbooks",
                        "playbooks",
                        "--maven-crm",
                        DATA,
                        "--as-of",
                        "2017-09-30",
                        "--counts");
        assertEquals(0, run.exitCode(), run.err());
        String header = run.out().lines().findFirst().orElse("");
        assertTrue(
                header.startsWith("as of 2017-09-30: " + existed + " deals (" + open + " open)"),
                header + " (expected " + existed + " deals, " + open + " open)");
        assertTrue(existed < 8800 && open > 2089, header);
    }

    private static List<CSVRecord> csv() throws Exception {
        try (Reader in =
                Files.newBufferedReader(
                        Path.of(DATA, "sales_pipeline.csv"), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
        }
    }
}
