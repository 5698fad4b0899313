package io.pandu.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A pipeline of any size shaped like the Maven CRM data set, written as its four CSVs so that the
 * product's own import reads it: the same columns and products, stages in the data's proportions
 * (48 % won, 28 % lost, 18 % engaging, 6 % prospecting), engage dates over the data's calendar
 * (2016-10-20 to 2017-12-27), cycles of 1 to 138 days, won values around the list price, about
 * seven reps per manager over three regional offices. Deterministic: the same settings write the
 * same bytes. Deals are written as they are drawn, so memory does not grow with their number.
 */
public final class MavenCrmGenerator {
    private static final LocalDate FIRST_ENGAGE = LocalDate.of(2016, 10, 20);
    private static final int ENGAGE_DAYS = 433; // to 2017-12-27
    private static final LocalDate DATA_END = LocalDate.of(2017, 12, 31);
    private static final int LONGEST_CYCLE = 138;
    private static final String[] OFFICES = {"Central", "East", "West"};
    private static final String[] SECTORS = {
        "technolgy",
        "medical",
        "retail",
        "software",
        "entertainment",
        "finance",
        "marketing",
        "telecommunications",
        "services",
        "employment"
    };
    private static final String[] COUNTRIES = {
        "United States",
        "United States",
        "United States",
        "Kenya",
        "Philipines",
        "Japan",
        "Italy",
        "Norway",
        "Korea",
        "Jordan",
        "Brazil",
        "Germany",
        "Panama",
        "Belgium",
        "China",
        "Poland"
    };

    /** The data set's products: name, series, list price. */
    private static final String[][] PRODUCTS = {
        {"GTX Basic", "GTX", "550"},
        {"GTX Pro", "GTX", "4821"},
        {"MG Special", "MG", "55"},
        {"MG Advanced", "MG", "3393"},
        {"GTX Plus Pro", "GTX", "5482"},
        {"GTX Plus Basic", "GTX", "1096"},
        {"GTK 500", "GTK", "26768"}
    };

    /** How often each product is sold, roughly as in the data (GTK 500 is rare). */
    private static final int[] PRODUCT_WEIGHTS = {16, 14, 17, 16, 14, 15, 2};

    /** What to write. */
    public record Settings(long seed, int deals, int reps, int accounts) {
        public Settings {
            if (deals < 1 || reps < 1 || accounts < 1) {
                throw new IllegalArgumentException("deals, reps and accounts must be at least 1");
            }
        }

        /** The data set's proportions: about one account per hundred deals, at least 85. */
        public static Settings of(long seed, int deals, int reps) {
            return new Settings(seed, deals, reps, Math.max(85, deals / 100));
        }
    }

    /** What was written. */
    public record Written(int deals, int reps, int managers, int accounts, int products) {}

    private MavenCrmGenerator() {}

    public static Written write(Settings s, Path dir) {
        try {
            Files.createDirectories(dir);
            SplittableRandom random = new SplittableRandom(s.seed());
            int managers = Math.max(1, (s.reps() + 6) / 7);
            List<String> reps = new ArrayList<>(s.reps());
            try (CSVPrinter teams = printer(dir.resolve("sales_teams.csv"))) {
                teams.printRecord("sales_agent", "manager", "regional_office");
                for (int i = 0; i < s.reps(); i++) {
                    String rep = "Agent " + name(i);
                    reps.add(rep);
                    int manager = i % managers;
                    teams.printRecord(rep, "Manager " + name(manager), OFFICES[manager % 3]);
                }
            }
            List<String> accounts = new ArrayList<>(s.accounts());
            try (CSVPrinter out = printer(dir.resolve("accounts.csv"))) {
                out.printRecord(
                        "account",
                        "sector",
                        "year_established",
                        "revenue",
                        "employees",
                        "office_location",
                        "subsidiary_of");
                for (int i = 0; i < s.accounts(); i++) {
                    String account = "Account " + name(i);
                    accounts.add(account);
                    int employees = 50 + random.nextInt(20_000);
                    out.printRecord(
                            account,
                            SECTORS[random.nextInt(SECTORS.length)],
                            1979 + random.nextInt(38),
                            String.format(java.util.Locale.ROOT, "%.2f", employees * 0.4),
                            employees,
                            COUNTRIES[random.nextInt(COUNTRIES.length)],
                            i > 20 && random.nextInt(10) == 0
                                    ? accounts.get(random.nextInt(20))
                                    : "");
                }
            }
            try (CSVPrinter out = printer(dir.resolve("products.csv"))) {
                out.printRecord("product", "series", "sales_price");
                for (String[] p : PRODUCTS) {
                    out.printRecord((Object[]) p);
                }
            }
            try (CSVPrinter out = printer(dir.resolve("sales_pipeline.csv"))) {
                out.printRecord(
                        "opportunity_id",
                        "sales_agent",
                        "product",
                        "account",
                        "deal_stage",
                        "engage_date",
                        "close_date",
                        "close_value");
                for (int i = 0; i < s.deals(); i++) {
                    deal(out, random, i, reps, accounts);
                }
            }
            return new Written(s.deals(), s.reps(), managers, s.accounts(), PRODUCTS.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deal(
            CSVPrinter out,
            SplittableRandom random,
            int i,
            List<String> reps,
            List<String> accounts)
            throws IOException {
        String[] product = PRODUCTS[weighted(random)];
        String rep = reps.get(random.nextInt(reps.size()));
        // drawn so that, after the deals that would close past the data's end stay open, the
        // stages come out in the data's proportions
        int stageDraw = random.nextInt(100);
        String stage =
                stageDraw < 54
                        ? "Won"
                        : stageDraw < 85 ? "Lost" : stageDraw < 94 ? "Engaging" : "Prospecting";
        // as in the data, prospecting deals often have no account yet
        String account =
                stage.equals("Prospecting") && random.nextInt(3) > 0
                        ? ""
                        : accounts.get(random.nextInt(accounts.size()));
        String engage = "";
        String close = "";
        String value = "";
        if (!stage.equals("Prospecting")) {
            LocalDate engaged = FIRST_ENGAGE.plusDays(random.nextInt(ENGAGE_DAYS));
            engage = engaged.toString();
            if (stage.equals("Won") || stage.equals("Lost")) {
                LocalDate closed = engaged.plusDays(1 + cycle(random));
                if (closed.isAfter(DATA_END)) {
                    stage = "Engaging"; // a deal does not close after the data ends
                } else {
                    close = closed.toString();
                    int list = Integer.parseInt(product[2]);
                    value =
                            stage.equals("Won")
                                    ? Integer.toString(
                                            (int)
                                                    Math.round(
                                                            list
                                                                    * (0.8
                                                                            + 0.4
                                                                                    * random
                                                                                            .nextDouble())))
                                    : "0";
                }
            }
        }
        out.printRecord(id(i), rep, product[0], account, stage, engage, close, value);
    }

    /** Cycles skew short, as in the data: half close within about seven weeks. */
    private static int cycle(SplittableRandom random) {
        double u = random.nextDouble();
        return (int) Math.min(LONGEST_CYCLE - 1, Math.floor(LONGEST_CYCLE * u * u));
    }

    private static int weighted(SplittableRandom random) {
        int total = 0;
        for (int w : PRODUCT_WEIGHTS) {
            total += w;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < PRODUCT_WEIGHTS.length; i++) {
            draw -= PRODUCT_WEIGHTS[i];
            if (draw < 0) {
                return i;
            }
        }
        return PRODUCT_WEIGHTS.length - 1;
    }

    /** Eight characters like the data's opportunity ids, unique per index. */
    static String id(int index) {
        String chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        // a fixed odd multiplier modulo 36^8 spreads consecutive indexes and stays one-to-one
        long n = Math.floorMod(index * 2_654_435_761L + 12_345L, 2_821_109_907_456L);
        char[] id = new char[8];
        for (int k = 7; k >= 0; k--) {
            id[k] = chars.charAt((int) (n % 36));
            n /= 36;
        }
        return new String(id);
    }

    private static String name(int index) {
        return String.format(java.util.Locale.ROOT, "%05d", index + 1);
    }

    private static CSVPrinter printer(Path file) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
    }
}
