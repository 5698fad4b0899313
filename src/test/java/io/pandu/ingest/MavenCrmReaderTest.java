package io.pandu.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pandu.errors.InvalidInputException;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenCrmReaderTest {

    @Test
    void readsTheDataAndReportsItsQuirks(@TempDir Path dir) throws IOException {
        writeSmallDataSet(dir);
        MavenCrmReader.Result result = new MavenCrmReader().read(dir, LocalDate.of(2017, 12, 31));
        FactSet facts = result.facts();
        assertEquals(2, facts.reps().size());
        assertEquals("moses.frase", facts.reps().get(0).id());
        assertEquals("dustin.brinkmann", facts.reps().get(0).managerId());
        assertEquals(2, facts.deals().size());
        Deal won = facts.deals().get(0);
        assertEquals("GTX Pro", won.product());
        assertEquals("acme-corporation", won.accountId());
        Deal prospect = facts.deals().get(1);
        assertNull(prospect.accountId());
        assertEquals(
                0,
                prospect.amount().compareTo(new java.math.BigDecimal("55")),
                "open deal valued at list price");
        assertEquals("technology", facts.accounts().get(0).industry());
        ImportReport report = result.report();
        assertEquals(3, report.rowsRead().get("sales_pipeline.csv"));
        assertEquals(1, report.rejected().size());
        assertTrue(report.rejected().get(0).reason().contains("Nobody Known"));
        var kinds = report.quirks().stream().map(ImportReport.Quirk::kind).toList();
        assertTrue(kinds.contains("product spelt differently from products.csv"), kinds.toString());
        assertTrue(kinds.contains("misspelt sector"), kinds.toString());
        assertTrue(kinds.contains("deal with no account"), kinds.toString());
        assertTrue(kinds.contains("agent with no deals"), kinds.toString());
    }

    /** Two products, two agents, one account and three deals, with a quirk of each kind. */
    private static void writeSmallDataSet(Path dir) throws IOException {
        Files.writeString(
                dir.resolve("products.csv"),
                """
                product,series,sales_price
                GTX Pro,GTX,4821
                MG Special,MG,55
                """);
        Files.writeString(
                dir.resolve("sales_teams.csv"),
                """
                sales_agent,manager,regional_office
                Moses Frase,Dustin Brinkmann,Central
                Idle Agent,Dustin Brinkmann,Central
                """);
        Files.writeString(
                dir.resolve("accounts.csv"),
                """
                account,sector,year_established,revenue,employees,office_location,subsidiary_of
                Acme Corporation,technolgy,1996,1100.04,2822,United States,
                """);
        Files.writeString(
                dir.resolve("sales_pipeline.csv"),
                """
                opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
                D1,Moses Frase,GTXPro,Acme Corporation,Won,2017-01-02,2017-03-01,4514
                D2,Moses Frase,MG Special,,Prospecting,,,
                D3,Nobody Known,MG Special,,Engaging,2017-05-01,,
                """);
    }

    @Test
    void aFileWhoseHeaderLacksAColumnIsRejectedNamingTheFileAndTheColumns(@TempDir Path dir)
            throws IOException {
        writeSmallDataSet(dir);
        Files.writeString(
                dir.resolve("sales_pipeline.csv"),
                """
                opportunity_id,sales_agent,product,account,engage_date,close_date
                D1,Moses Frase,GTXPro,Acme Corporation,2017-01-02,2017-03-01
                """);
        InvalidInputException e =
                assertThrows(
                        InvalidInputException.class, () -> new MavenCrmReader().read(dir, null));
        assertEquals("sales_pipeline.csv", e.field());
        assertTrue(
                e.getMessage().contains("lacks the columns deal_stage, close_value"),
                e.getMessage());
        assertTrue(
                e.getMessage().contains("its header is: opportunity_id,sales_agent,"),
                e.getMessage());

        Files.writeString(dir.resolve("sales_pipeline.csv"), "");
        e = assertThrows(InvalidInputException.class, () -> new MavenCrmReader().read(dir, null));
        assertTrue(e.getMessage().contains("the file is empty"), e.getMessage());

        Files.writeString(dir.resolve("products.csv"), "product,sales_price\nGTX Pro,4821\n");
        e = assertThrows(InvalidInputException.class, () -> new MavenCrmReader().read(dir, null));
        assertEquals(
                "products.csv: lacks the column series (its header is: product,sales_price)",
                e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8CsvIsRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        writeSmallDataSet(dir);
        Files.writeString(
                dir.resolve("accounts.csv"),
                """
                account,sector,year_established,revenue,employees,office_location,subsidiary_of
                "Acme Corporation,technolgy,1996,1100.04,2822,United States,
                """);
        InvalidInputException e =
                assertThrows(
                        InvalidInputException.class, () -> new MavenCrmReader().read(dir, null));
        assertEquals("accounts.csv", e.field());
        assertTrue(e.getMessage().contains("is not a readable CSV file"), e.getMessage());

        Files.write(
                dir.resolve("accounts.csv"),
                new byte[] {'a', 'c', 'c', (byte) 0xff, (byte) 0xfe, '\n'});
        e = assertThrows(InvalidInputException.class, () -> new MavenCrmReader().read(dir, null));
        assertEquals("accounts.csv: is not UTF-8 text", e.getMessage());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName(@TempDir Path dir) throws IOException {
        writeSmallDataSet(dir);
        Files.writeString(
                dir.resolve("products.csv"),
                "\uFEFFproduct,series,sales_price\nGTX Pro,GTX,4821\nMG Special,MG,55\n");
        assertEquals(2, new MavenCrmReader().read(dir, null).facts().products().size());
    }

    @Test
    void theRealDataSetHasTheDocumentedShape() {
        Path shared = Path.of("../shared/datasets/maven-crm");
        // the copy bundled for the demo is the same data set, for a checkout without shared/
        Path real =
                Files.isDirectory(shared) ? shared : Path.of("src/main/resources/demo/maven-crm");
        MavenCrmReader.Result result = new MavenCrmReader().read(real, LocalDate.of(2017, 12, 31));
        assertEquals(8800, result.report().rowsRead().get("sales_pipeline.csv"));
        assertEquals(35, result.facts().reps().size());
        var noDeals =
                result.report().quirks().stream()
                        .filter(q -> q.kind().equals("agent with no deals"))
                        .findFirst();
        assertEquals(5, noDeals.orElseThrow().count());
        var noAccount =
                result.report().quirks().stream()
                        .filter(q -> q.kind().equals("deal with no account"))
                        .findFirst();
        assertEquals(1425, noAccount.orElseThrow().count());
    }
}
