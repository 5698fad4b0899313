package io.pandu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store commands in-process, against an H2 file database in a temporary directory. */
class StoreCommandsTest {

    @Test
    void importCreateAUserAndReEvaluateTheWholePipeline(@TempDir Path tmp) {
        String db = "--db-url=jdbc:h2:file:" + tmp.resolve("pandu");
        CliRun first =
                CliRun.of(
                        "import",
                        "maven-crm",
                        "src/main/resources/demo/maven-crm",
                        "--demo-users",
                        db);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.err().contains("Store: jdbc:h2:file:"), first.err());
        assertTrue(first.err().contains("deals: 8800/8800"), "progress on stderr: " + first.err());
        assertTrue(
                first.out().matches("(?s).*deals\\s+8800\\s+8800\\s+0\\s+0\\s+0.*"), first.out());
        assertTrue(first.out().contains("GTXPro → GTX Pro"), first.out());
        assertTrue(first.out().contains("deal with no account: 1425"), first.out());
        assertTrue(first.out().contains("agent with no deals: 5"), first.out());

        CliRun second = CliRun.of("import", "maven-crm", db); // the bundled copy: the same data
        assertTrue(
                second.out()
                        .startsWith("Imported the bundled Maven CRM demo data (as of 2017-12-31)"),
                second.out());
        assertTrue(
                second.out().matches("(?s).*deals\\s+8800\\s+0\\s+0\\s+8800\\s+0.*"), second.out());

        CliRun user =
                CliRun.of(
                        "user",
                        "create",
                        "--username",
                        "Chief",
                        "--role",
                        "admin",
                        "--password",
                        "s3cret-enough",
                        db);
        assertEquals(0, user.exitCode(), user.err());
        assertEquals("Created user chief (admin)", user.out().strip());
        CliRun again =
                CliRun.of(
                        "user",
                        "create",
                        "--username",
                        "chief",
                        "--role",
                        "admin",
                        "--password",
                        "s3cret-enough",
                        db);
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("error: username: \"chief\" is taken"), again.err());

        InputStream stdin = System.in;
        try {
            System.setIn(
                    new ByteArrayInputStream("from-stdin-pw\n".getBytes(StandardCharsets.UTF_8)));
            CliRun rep =
                    CliRun.of(
                            "user",
                            "create",
                            "--username",
                            "m.frase",
                            "--role",
                            "rep",
                            "--rep",
                            "moses.frase",
                            db);
            assertEquals(
                    "Created user m.frase (rep, rep moses.frase)", rep.out().strip(), rep.err());
        } finally {
            System.setIn(stdin);
        }

        CliRun run =
                CliRun.of(
                        "run-evaluation",
                        "--threads",
                        "2",
                        "--rules",
                        TestDatabase.RULES.toString(),
                        "--playbooks",
                        TestDatabase.PLAYBOOKS.toString(),
                        db);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out()
                        .matches(
                                "(?s)Run 1: 8800 deals in 6 teams as of 2017-12-31, .* deals/s\\).*"),
                run.out());
        assertTrue(run.out().contains("Rule firings in run 1:"), run.out());
        assertTrue(
                run.out().contains("playbook.Re-engage a deal with no recent activity"), run.out());
    }

    @Test
    void aFactSetFileImportsAndReportsRejections(@TempDir Path tmp) {
        String db = "--db-url=jdbc:h2:file:" + tmp.resolve("pandu");
        CliRun run = CliRun.of("import", "facts", "docs/examples/sample-facts.json", db);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().matches("(?s).*deals\\s+3\\s+3\\s+0\\s+0\\s+0.*"), run.out());
        CliRun missing = CliRun.of("import", "facts", tmp.resolve("nope.json").toString(), db);
        assertEquals(2, missing.exitCode(), missing.err());
    }

    @Test
    void anImportThatRejectedRecordsExitsOneUnlessRejectsAreAllowed(@TempDir Path tmp)
            throws Exception {
        String db = "--db-url=jdbc:h2:file:" + tmp.resolve("pandu");
        Path facts = tmp.resolve("facts.json");
        Files.writeString(
                facts,
                """
                {"asOf": "2017-06-30",
                 "reps": [{"id": "R1", "name": "Rep One", "managerId": "M1"}],
                 "deals": [
                   {"id": "D1", "name": "Good", "ownerId": "R1", "stage": "Engaging", "amount": 100},
                   {"id": "D2", "name": "Odd stage", "ownerId": "R1", "stage": "Negotiatoin"}]}
                """);
        CliRun rejected = CliRun.of("import", "facts", facts.toString(), db);
        assertEquals(1, rejected.exitCode(), rejected.err());
        assertTrue(
                rejected.out().matches("(?s).*deals\\s+2\\s+1\\s+0\\s+0\\s+1.*"),
                "the summary as before: " + rejected.out());
        assertTrue(rejected.out().contains("Negotiatoin"), rejected.out());
        assertTrue(
                rejected.err()
                        .strip()
                        .endsWith(
                                "\nerror: 1 record(s) rejected (see above; the others were imported); --allow-rejects makes that exit 0"),
                rejected.err());

        CliRun allowed = CliRun.of("import", "facts", facts.toString(), "--allow-rejects", db);
        assertEquals(0, allowed.exitCode(), allowed.err());
        assertTrue(allowed.out().matches("(?s).*deals\\s+2\\s+0\\s+0\\s+1\\s+1.*"), allowed.out());
        assertFalse(allowed.err().contains("error:"), allowed.err());
    }

    @Test
    void aMavenCrmImportWithARejectedRowExitsOne(@TempDir Path tmp) throws Exception {
        Path crm = tmp.resolve("crm");
        Files.createDirectories(crm);
        Path demo = Path.of("src/main/resources/demo/maven-crm");
        for (String f :
                new String[] {
                    "sales_pipeline.csv", "sales_teams.csv", "accounts.csv", "products.csv"
                }) {
            Files.copy(demo.resolve(f), crm.resolve(f));
        }
        List<String> pipeline = Files.readAllLines(crm.resolve("sales_pipeline.csv"));
        List<String> header = List.of(pipeline.get(0).split(","));
        String[] row = pipeline.get(1).split(",", -1);
        row[header.indexOf("sales_agent")] = "Nobody Known";
        pipeline.set(1, String.join(",", row));
        Files.write(crm.resolve("sales_pipeline.csv"), pipeline);

        CliRun run =
                CliRun.of(
                        "import",
                        "maven-crm",
                        crm.toString(),
                        "--db-url=jdbc:h2:file:" + tmp.resolve("pandu"));
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("Nobody Known"), run.out());
        assertTrue(
                run.err()
                        .contains(
                                "error: 1 record(s) rejected (see above; the others were imported); --allow-rejects"),
                run.err());
    }
}
