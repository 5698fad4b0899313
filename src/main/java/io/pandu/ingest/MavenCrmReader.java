package io.pandu.ingest;

import io.pandu.errors.InvalidInputException;
import io.pandu.facts.Account;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.Product;
import io.pandu.facts.Rep;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the Maven Analytics "CRM Sales Opportunities" CSVs (sales_pipeline, sales_teams, accounts,
 * products) into a fact set. The data has real quirks; each is repaired where the intent is plain
 * (a product spelled two ways, a misspelt sector) and reported either way, never hidden.
 *
 * <p>Mapping: agents and managers get ids {@code first.last} in lower case (also their user names);
 * accounts and products keep their names, accounts by a slug id; an open deal has no value in the
 * data, so its amount is the product's list price; the stage names (Prospecting, Engaging, Won,
 * Lost) are kept and resolved through playbook aliases; a lost deal with an engage date was lost
 * while Engaging ({@code lostAtStage}), which stage win rates need.
 */
public final class MavenCrmReader {
    public static final String PIPELINE = "sales_pipeline.csv";
    public static final String TEAMS = "sales_teams.csv";
    public static final String ACCOUNTS = "accounts.csv";
    public static final String PRODUCTS = "products.csv";

    /**
     * The columns read from each file, all required: a file without one of them is most likely not
     * the file it is named after, and importing it would quietly empty that field of every record.
     */
    public static final Map<String, List<String>> COLUMNS =
            Map.of(
                    PRODUCTS, List.of("product", "series", "sales_price"),
                    TEAMS, List.of("sales_agent", "manager", "regional_office"),
                    ACCOUNTS,
                            List.of("account", "sector", "revenue", "employees", "office_location"),
                    PIPELINE,
                            List.of(
                                    "opportunity_id",
                                    "sales_agent",
                                    "product",
                                    "account",
                                    "deal_stage",
                                    "engage_date",
                                    "close_date",
                                    "close_value"));

    private static final int HEADER_SHOWN = 200;

    private static final Map<String, String> SECTOR_SPELLING = Map.of("technolgy", "technology");

    /** The facts plus what was said about them; {@code managers} maps manager id to name. */
    public record Result(FactSet facts, Map<String, String> managers, ImportReport report) {}

    /**
     * Reads the four files of {@code dir}. A file that is missing, not UTF-8 CSV or lacks one of
     * its {@link #COLUMNS} is an {@link InvalidInputException} whose field is the file name.
     */
    public Result read(Path dir, LocalDate asOf) {
        ImportReport report = new ImportReport();
        Map<String, Product> products = readProducts(dir, report);
        Map<String, String> managers = new TreeMap<>();
        Map<String, Rep> reps = readTeams(dir, report, managers);
        Map<String, Account> accounts = readAccounts(dir, report);
        List<Deal> deals = readPipeline(dir, report, reps, accounts, products);
        Set<String> owners = new HashSet<>();
        deals.forEach(d -> owners.add(d.ownerId()));
        reps.values().stream()
                .filter(r -> !owners.contains(r.id()))
                .forEach(
                        r ->
                                report.quirk(
                                        "agent with no deals",
                                        r.name(),
                                        "imported as a rep with an empty pipeline"));
        FactSet facts =
                new FactSet(
                        asOf,
                        List.copyOf(reps.values()),
                        deals,
                        List.of(),
                        List.copyOf(accounts.values()),
                        List.of(),
                        List.copyOf(products.values()));
        return new Result(facts, managers, report);
    }

    public static String personId(String name) {
        return name.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", ".")
                .replaceAll("^\\.|\\.$", "");
    }

    public static String accountId(String name) {
        return name.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
    }

    private Map<String, Product> readProducts(Path dir, ImportReport report) {
        Map<String, Product> products = new LinkedHashMap<>();
        for (CSVRecord row : rows(dir, PRODUCTS, report)) {
            BigDecimal price = number(row, "sales_price", PRODUCTS, report);
            String name = text(row, "product");
            if (name == null) {
                report.reject(PRODUCTS, row.getRecordNumber() + 1, "no product name");
                continue;
            }
            products.put(name, new Product(name, text(row, "series"), price));
        }
        return products;
    }

    private Map<String, Rep> readTeams(
            Path dir, ImportReport report, Map<String, String> managers) {
        Map<String, Rep> reps = new LinkedHashMap<>();
        for (CSVRecord row : rows(dir, TEAMS, report)) {
            String agent = text(row, "sales_agent");
            if (agent == null) {
                report.reject(TEAMS, row.getRecordNumber() + 1, "no sales_agent");
                continue;
            }
            String manager = text(row, "manager");
            String managerId = manager == null ? null : personId(manager);
            if (manager != null) {
                managers.put(managerId, manager);
            } else {
                report.quirk(
                        "agent with no manager",
                        agent,
                        "imported; coaching alerts become findings");
            }
            reps.put(
                    agent,
                    new Rep(
                            personId(agent),
                            agent,
                            managerId,
                            text(row, "regional_office"),
                            null,
                            null,
                            List.of()));
        }
        report.quirk(
                "no quotas, hire dates or certifications in the data",
                "all " + reps.size() + " agents",
                "left empty; quota-based rules stay quiet until quotas are set");
        return reps;
    }

    private Map<String, Account> readAccounts(Path dir, ImportReport report) {
        Map<String, Account> accounts = new LinkedHashMap<>();
        for (CSVRecord row : rows(dir, ACCOUNTS, report)) {
            String name = text(row, "account");
            if (name == null) {
                report.reject(ACCOUNTS, row.getRecordNumber() + 1, "no account name");
                continue;
            }
            String sector = text(row, "sector");
            if (sector != null && SECTOR_SPELLING.containsKey(sector)) {
                report.quirk(
                        "misspelt sector",
                        sector + " (" + name + ")",
                        "read as " + SECTOR_SPELLING.get(sector));
                sector = SECTOR_SPELLING.get(sector);
            }
            BigDecimal employees = number(row, "employees", ACCOUNTS, report);
            accounts.put(
                    name,
                    new Account(
                            accountId(name),
                            name,
                            sector,
                            text(row, "office_location"),
                            employees == null ? null : employees.intValue(),
                            number(row, "revenue", ACCOUNTS, report),
                            null,
                            null,
                            List.of()));
        }
        return accounts;
    }

    private List<Deal> readPipeline(
            Path dir,
            ImportReport report,
            Map<String, Rep> reps,
            Map<String, Account> accounts,
            Map<String, Product> products) {
        Map<String, String> productByCompactName = new TreeMap<>();
        products.keySet()
                .forEach(
                        p ->
                                productByCompactName.put(
                                        p.replace(" ", "").toLowerCase(Locale.ROOT), p));
        List<Deal> deals = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CSVRecord row : rows(dir, PIPELINE, report)) {
            long line = row.getRecordNumber() + 1;
            String id = text(row, "opportunity_id");
            String agent = text(row, "sales_agent");
            String stage = text(row, "deal_stage");
            if (id == null || agent == null || stage == null) {
                report.reject(
                        PIPELINE, line, "opportunity_id, sales_agent and deal_stage are required");
                continue;
            }
            if (!ids.add(id)) {
                report.reject(PIPELINE, line, "duplicate opportunity_id " + id);
                continue;
            }
            Rep owner = reps.get(agent);
            if (owner == null) {
                report.reject(PIPELINE, line, "unknown sales_agent \"" + agent + "\"");
                continue;
            }
            String product = text(row, "product");
            if (product != null && !products.containsKey(product)) {
                String known =
                        productByCompactName.get(product.replace(" ", "").toLowerCase(Locale.ROOT));
                if (known == null) {
                    report.reject(PIPELINE, line, "unknown product \"" + product + "\"");
                    continue;
                }
                report.quirk(
                        "product spelt differently from products.csv",
                        product + " → " + known,
                        "read as " + known);
                product = known;
            }
            String accountName = text(row, "account");
            String accountId = null;
            if (accountName == null) {
                report.quirk("deal with no account", id, "imported without an account");
            } else if (!accounts.containsKey(accountName)) {
                report.quirk(
                        "deal naming an account missing from accounts.csv",
                        id + " → " + accountName,
                        "imported without an account");
            } else {
                accountId = accounts.get(accountName).id();
            }
            LocalDate engaged = date(row, "engage_date", report, line);
            LocalDate closed = date(row, "close_date", report, line);
            BigDecimal amount = number(row, "close_value", PIPELINE, report);
            boolean open =
                    stage.equalsIgnoreCase("Prospecting") || stage.equalsIgnoreCase("Engaging");
            if (open
                    && amount == null
                    && product != null
                    && products.get(product).price() != null) {
                amount = products.get(product).price();
                report.quirk(
                        "open deal with no value", id, "amount set to the product's list price");
            }
            if (engaged == null && stage.equalsIgnoreCase("Prospecting")) {
                report.quirk("prospecting deal with no dates", id, "imported with no created date");
            }
            LocalDate stageEntered = open ? engaged : closed;
            // an engage date means the deal reached Engaging, the last open stage: a lost one was
            // lost there
            String lostAt = stage.equalsIgnoreCase("Lost") && engaged != null ? "Engaging" : null;
            deals.add(
                    new Deal(
                            id,
                            (accountName == null ? "(no account)" : accountName) + " · " + product,
                            accountId,
                            owner.id(),
                            null,
                            product,
                            stage,
                            amount,
                            null,
                            engaged,
                            stageEntered,
                            null,
                            closed,
                            null,
                            0,
                            null,
                            lostAt));
        }
        return deals;
    }

    /**
     * Every row of a file, after checking its header names the columns the reader needs. A file
     * that is missing, not UTF-8 or not CSV is an {@link InvalidInputException} whose field is the
     * file name.
     */
    private static List<CSVRecord> rows(Path dir, String file, ImportReport report) {
        Path path = dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(file, "missing from " + dir);
        }
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
                CSVParser parser =
                        CSVFormat.DEFAULT
                                .builder()
                                .setHeader()
                                .setSkipHeaderRecord(true)
                                .setIgnoreSurroundingSpaces(true)
                                .get()
                                .parse(skipByteOrderMark(reader))) {
            checkHeader(file, parser.getHeaderNames());
            List<CSVRecord> records = parser.getRecords();
            report.read(file, records.size());
            return records;
        } catch (IOException
                | UncheckedIOException
                | IllegalArgumentException
                | IllegalStateException e) {
            // Commons CSV reports a malformed file (an unclosed quote, a blank or repeated header
            // name) this way
            throw unreadable(file, e);
        }
    }

    /**
     * Spreadsheets often save UTF-8 with a byte order mark, which would otherwise stick to the
     * first column's name.
     */
    private static BufferedReader skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static void checkHeader(String file, List<String> header) {
        List<String> missing = COLUMNS.get(file).stream().filter(c -> !header.contains(c)).toList();
        if (missing.isEmpty()) {
            return;
        }
        String shown =
                header.isEmpty()
                        ? "the file is empty"
                        : "its header is: " + String.join(",", header);
        if (shown.length() > HEADER_SHOWN) {
            shown = shown.substring(0, HEADER_SHOWN) + "…";
        }
        throw new InvalidInputException(
                file,
                "lacks the column"
                        + (missing.size() == 1 ? " " : "s ")
                        + String.join(", ", missing)
                        + " ("
                        + shown
                        + ")");
    }

    private static InvalidInputException unreadable(String file, Exception e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return new InvalidInputException(file, "is not UTF-8 text");
            }
            root = t;
        }
        return new InvalidInputException(file, "is not a readable CSV file: " + root.getMessage());
    }

    private static String text(CSVRecord row, String column) {
        if (!row.isMapped(column) || !row.isSet(column)) {
            return null;
        }
        String value = row.get(column).trim();
        return value.isEmpty() ? null : value;
    }

    private static BigDecimal number(
            CSVRecord row, String column, String file, ImportReport report) {
        String value = text(row, column);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            report.quirk("unreadable number in " + file + "." + column, value, "left empty");
            return null;
        }
    }

    private static LocalDate date(CSVRecord row, String column, ImportReport report, long line) {
        String value = text(row, column);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            report.quirk(
                    "unreadable date in " + PIPELINE + "." + column,
                    value + " (line " + line + ")",
                    "left empty");
            return null;
        }
    }
}
