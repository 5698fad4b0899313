package io.pandu.bench;

import io.pandu.facts.Account;
import io.pandu.facts.Activity;
import io.pandu.facts.ActivityType;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.Product;
import io.pandu.facts.Qualification;
import io.pandu.facts.Rep;
import io.pandu.facts.Territory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic but realistic CRM pipeline for benchmarks, the same for the same settings: reps in
 * manager teams, accounts owned by reps and mostly placed in territories, deals across the velocity
 * playbook's stages (written the way a CRM spells them: ids, names and aliases), and activities
 * spread over each deal's life. The pipeline comes split into one fact set per team, which is how
 * batch re-evaluation runs it: a team's fact set holds its reps, their accounts, deals and the
 * activities on those deals, plus the shared territories and product catalogue.
 */
public final class PipelineGenerator {

    /** What to generate; {@link #DEFAULTS} is the benchmark's pipeline. */
    public record Settings(
            long seed,
            int deals,
            int reps,
            int teams,
            int accountsPerRep,
            int activities,
            LocalDate asOf) {
        public static final Settings DEFAULTS =
                new Settings(42, 100_000, 500, 70, 40, 1_000_000, LocalDate.of(2025, 6, 30));

        public Settings {
            if (deals < 1
                    || reps < 1
                    || teams < 1
                    || teams > reps
                    || accountsPerRep < 1
                    || activities < 0) {
                throw new IllegalArgumentException(
                        "need at least one deal, one rep per team and one account per rep");
            }
        }
    }

    /** The generated pipeline, one fact set per team, with its totals. */
    public record Pipeline(
            Settings settings,
            List<FactSet> teams,
            int deals,
            int reps,
            int activities,
            int accounts) {}

    /**
     * The velocity playbook's stages as a CRM might spell them, with how often each spelling
     * occurs.
     */
    private static final String[][] STAGE_SPELLINGS = {
        {"Prospecting", "Lead", "prospecting", "Prospect"},
        {"Engaging", "Qualify", "Demo", "engaging"},
        {"Won", "Closed Won"},
        {"Lost", "Closed Lost"},
    };

    private static final int PROSPECTING = 0;
    private static final int ENGAGING = 1;
    private static final int WON = 2;
    private static final int LOST = 3;

    private static final String[] TEAM_REGIONS = {
        "United States",
        "Canada",
        "United States",
        "United Kingdom",
        "Germany",
        "France",
        "Japan",
        "Australia",
        "Brazil",
        "Mexico",
        "Spain",
        "Italy",
        "India",
        "Singapore",
        "United States",
        "Netherlands"
    };

    /** Regions no territory covers, so some unassigned accounts have nowhere to go. */
    private static final String[] UNCOVERED_REGIONS = {
        "South Africa", "United Arab Emirates", "Nigeria"
    };

    private static final String[] FIRST = {
        "Moses",
        "Maureen",
        "Zane",
        "Anna",
        "Vicki",
        "Darcel",
        "Versie",
        "Gladys",
        "Kami",
        "Jonathan",
        "Corliss",
        "Markita",
        "Rosie",
        "Hayden",
        "Cecily",
        "Elease",
        "Donn",
        "Violet",
        "Cassey",
        "Reed",
        "Lajuana",
        "Wilburn",
        "Boris",
        "Garret",
        "Niesha",
        "James"
    };
    private static final String[] LAST = {
        "Frase",
        "Elfert",
        "Levien",
        "Snelling",
        "Laflamme",
        "Schlecht",
        "Bancroft",
        "Vandermark",
        "Bates",
        "Berthelot",
        "Cosgrove",
        "Mcfarland",
        "Zhang",
        "Okafor",
        "Delossantos",
        "Shinko",
        "Brogan",
        "Wollard",
        "Rosa",
        "Gaskill",
        "Allman",
        "Ohno"
    };
    private static final String[] SYLLABLE = {
        "Can", "Is", "Bet", "Zoo", "Gold", "Kin", "Stat", "Dong", "Hot", "Ron", "Son", "Tres",
        "Zath", "Vol", "Fun", "Bio", "Cone", "Lex", "Ran", "Sun"
    };
    private static final String[] SUFFIX = {
        "city", "dom", "tech", "zap", "ex", "plus", "ing", "lane", "fix", "nix", "lux", "com",
        "ware", "cane", "tom"
    };
    private static final String[] INDUSTRIES = {
        "retail",
        "technology",
        "medical",
        "software",
        "finance",
        "marketing",
        "telecommunications",
        "entertainment",
        "services",
        "employment"
    };
    private static final String[] COMPETITORS = {"Salesforce", "HubSpot", "Pipedrive", "Zoho"};

    /** Activity types and their weights (out of 100), roughly as reps log them. */
    private static final ActivityType[] TYPES = {
        ActivityType.EMAIL,
        ActivityType.CALL,
        ActivityType.MEETING,
        ActivityType.NOTE,
        ActivityType.DEMO,
        ActivityType.PROPOSAL
    };

    private static final int[] TYPE_WEIGHTS = {35, 25, 15, 15, 6, 4};

    private static final int HISTORY_DAYS = 540;
    private static final int FUTURE_DAYS = 120;

    private PipelineGenerator() {}

    public static List<Territory> territories() {
        return List.of(
                new Territory(
                        "T-APAC-N",
                        "Asia Pacific North",
                        List.of("Japan", "South Korea"),
                        List.of(),
                        600),
                new Territory(
                        "T-APAC-S",
                        "Asia Pacific South",
                        List.of("Australia", "Singapore", "India"),
                        List.of(),
                        900),
                new Territory(
                        "T-DACH",
                        "DACH",
                        List.of("Germany", "Austria", "Switzerland"),
                        List.of(),
                        700),
                new Territory(
                        "T-EMEA-C",
                        "EMEA Central",
                        List.of("Germany", "France", "Netherlands", "Belgium"),
                        List.of(),
                        1200),
                new Territory(
                        "T-EMEA-N",
                        "EMEA North",
                        List.of("United Kingdom", "Ireland", "Sweden"),
                        List.of(),
                        900),
                new Territory(
                        "T-EMEA-S",
                        "EMEA South",
                        List.of("Spain", "Italy", "Portugal"),
                        List.of(),
                        800),
                new Territory(
                        "T-LATAM",
                        "Latin America",
                        List.of("Brazil", "Mexico", "Argentina"),
                        List.of(),
                        900),
                new Territory(
                        "T-NA",
                        "North America",
                        List.of("United States", "Canada"),
                        List.of(),
                        3000),
                new Territory(
                        "T-US-ENT",
                        "US Enterprise",
                        List.of("United States"),
                        List.of("finance", "medical"),
                        400));
    }

    public static List<Product> products() {
        return List.of(
                new Product("GTX Basic", "GTX", BigDecimal.valueOf(550)),
                new Product("GTX Pro", "GTX", BigDecimal.valueOf(4821)),
                new Product("GTX Plus Basic", "GTX", BigDecimal.valueOf(1096)),
                new Product("GTX Plus Pro", "GTX", BigDecimal.valueOf(5482)),
                new Product("GTK 500", "GTK", BigDecimal.valueOf(26768)),
                new Product("MG Special", "MG", BigDecimal.valueOf(55)),
                new Product("MG Advanced", "MG", BigDecimal.valueOf(3393)),
                new Product("Pandu Cloud", "Cloud", BigDecimal.valueOf(12000)),
                new Product("Pandu Cloud Enterprise", "Cloud", BigDecimal.valueOf(48000)));
    }

    public static Pipeline generate(Settings s) {
        SplittableRandom random = new SplittableRandom(s.seed());
        Dates dates = new Dates(s.asOf());
        List<Territory> territories = territories();
        List<Product> products = products();

        // Deals first (owner, stage, amounts, dates), then quotas from what each rep won this year.
        int[] owner = new int[s.deals()];
        int[] accountOf = new int[s.deals()];
        int[] stageOf = new int[s.deals()];
        int[] created = new int[s.deals()];
        int[] ended = new int[s.deals()]; // close date for closed deals, as-of for open ones (day
        // offsets)
        long[] amount = new long[s.deals()];
        double[] wonThisYear = new double[s.reps()];
        int yearStart = -s.asOf().getDayOfYear() + 1;
        for (int d = 0; d < s.deals(); d++) {
            owner[d] = random.nextInt(s.reps());
            accountOf[d] = owner[d] * s.accountsPerRep() + random.nextInt(s.accountsPerRep());
            int roll = random.nextInt(100);
            stageOf[d] = roll < 25 ? PROSPECTING : roll < 55 ? ENGAGING : roll < 80 ? WON : LOST;
            Product product = products.get(weightedProduct(random));
            amount[d] =
                    Math.max(
                            50,
                            Math.round(
                                    product.price().doubleValue()
                                            * (0.6 + random.nextDouble() * 2.4)));
            boolean open = stageOf[d] <= ENGAGING;
            // Open deals are young (a velocity motion), closed ones spread over the history.
            created[d] = open ? -1 - random.nextInt(120) : -10 - random.nextInt(HISTORY_DAYS - 10);
            ended[d] = open ? 0 : Math.min(-1, created[d] + 5 + random.nextInt(120));
            if (stageOf[d] == WON && ended[d] >= yearStart) {
                wonThisYear[owner[d]] += amount[d];
            }
        }

        List<Rep> reps = new ArrayList<>(s.reps());
        for (int r = 0; r < s.reps(); r++) {
            int team = r % s.teams();
            BigDecimal quota = null;
            if (random.nextInt(50)
                    != 0) { // one rep in fifty has no quota set (new hire, part-timer)
                int band = random.nextInt(10);
                double attainment =
                        band < 4
                                ? 0.1 + random.nextDouble() * 0.4
                                : band < 8
                                        ? 0.5 + random.nextDouble() * 0.5
                                        : 1.0 + random.nextDouble() * 0.6;
                long q =
                        Math.round(Math.max(wonThisYear[r], 20_000) / attainment / 10_000) * 10_000;
                quota = BigDecimal.valueOf(Math.max(50_000, q));
            }
            List<String> certifications = new ArrayList<>();
            for (Product p : products) {
                if (random.nextInt(3) == 0) {
                    certifications.add(p.name());
                }
            }
            reps.add(
                    new Rep(
                            repId(r),
                            pick(random, FIRST) + " " + pick(random, LAST),
                            managerId(team),
                            TEAM_REGIONS[team % TEAM_REGIONS.length],
                            dates.at(-60 - random.nextInt(3000)),
                            quota,
                            certifications));
        }

        int accountCount = s.reps() * s.accountsPerRep();
        List<Account> accounts = new ArrayList<>(accountCount);
        for (int a = 0; a < accountCount; a++) {
            int rep = a / s.accountsPerRep();
            String region =
                    random.nextInt(100) < 80
                            ? reps.get(rep).region()
                            : random.nextInt(10) == 0
                                    ? pick(random, UNCOVERED_REGIONS)
                                    : pick(random, TEAM_REGIONS);
            String territory = random.nextInt(100) < 88 ? territoryFor(territories, region) : null;
            accounts.add(
                    new Account(
                            accountId(a),
                            pick(random, SYLLABLE)
                                    + pick(random, SUFFIX)
                                    + (random.nextInt(4) == 0
                                            ? " " + pick(random, SYLLABLE) + pick(random, SUFFIX)
                                            : ""),
                            pick(random, INDUSTRIES),
                            region,
                            10 + random.nextInt(20_000),
                            BigDecimal.valueOf(random.nextInt(2_000_000), 2),
                            territory,
                            repId(rep),
                            List.of()));
        }

        List<Deal> deals = new ArrayList<>(s.deals());
        for (int d = 0; d < s.deals(); d++) {
            deals.add(
                    deal(
                            d,
                            s,
                            random,
                            dates,
                            products,
                            accounts.get(accountOf[d]).name(),
                            repId(owner[d]),
                            accountId(accountOf[d]),
                            stageOf[d],
                            amount[d],
                            created[d],
                            ended[d]));
        }

        // Activities: each lands on a random deal (so counts per deal vary), dated within the
        // deal's life.
        int[] perDeal = new int[s.deals()];
        for (int i = 0; i < s.activities(); i++) {
            perDeal[random.nextInt(s.deals())]++;
        }
        List<List<Activity>> activitiesByTeam = new ArrayList<>();
        for (int t = 0; t < s.teams(); t++) {
            activitiesByTeam.add(new ArrayList<>());
        }
        int activityId = 0;
        for (int d = 0; d < s.deals(); d++) {
            boolean open = stageOf[d] <= ENGAGING;
            List<Activity> teamActivities = activitiesByTeam.get(owner[d] % s.teams());
            for (int k = 0; k < perDeal[d]; k++) {
                int day = created[d] + random.nextInt(ended[d] - created[d] + 1);
                if (open && random.nextInt(100) == 0) {
                    day = 1 + random.nextInt(14); // a meeting already booked for next week
                }
                String repId = random.nextInt(20) == 0 ? null : repId(owner[d]);
                teamActivities.add(
                        new Activity(
                                String.format("X%07d", ++activityId),
                                deals.get(d).id(),
                                repId,
                                weightedType(random),
                                dates.at(day)));
            }
        }

        List<List<Rep>> repsByTeam = split(s.teams(), reps, r -> r % s.teams());
        List<List<Account>> accountsByTeam =
                split(s.teams(), accounts, a -> (a / s.accountsPerRep()) % s.teams());
        List<List<Deal>> dealsByTeam = split(s.teams(), deals, d -> owner[d] % s.teams());
        List<FactSet> teams = new ArrayList<>(s.teams());
        for (int t = 0; t < s.teams(); t++) {
            teams.add(
                    new FactSet(
                            s.asOf(),
                            repsByTeam.get(t),
                            dealsByTeam.get(t),
                            activitiesByTeam.get(t),
                            accountsByTeam.get(t),
                            territories,
                            products));
        }
        return new Pipeline(s, List.copyOf(teams), s.deals(), s.reps(), activityId, accountCount);
    }

    private static Deal deal(
            int d,
            Settings s,
            SplittableRandom random,
            Dates dates,
            List<Product> products,
            String accountName,
            String ownerId,
            String accountId,
            int stage,
            long amount,
            int created,
            int ended) {
        boolean open = stage <= ENGAGING;
        String product = products.get(weightedProduct(random)).name();
        int discountRoll = random.nextInt(100);
        BigDecimal discount =
                discountRoll < 50
                        ? null
                        : discountRoll < 80
                                ? BigDecimal.valueOf(5 + random.nextInt(31), 1)
                                        .multiply(BigDecimal.valueOf(5)) // 2.5–17.5
                                : discountRoll < 94
                                        ? BigDecimal.valueOf(
                                                20
                                                        + random.nextInt(
                                                                11)) // 20–30: needs approval above
                                        // 20
                                        : BigDecimal.valueOf(
                                                31 + random.nextInt(15)); // deep: high severity
        int stageEntered = open ? created + random.nextInt(-created) : ended;
        LocalDate expectedClose = open ? dates.at(-15 + random.nextInt(90)) : dates.at(ended);
        String[] spellings = STAGE_SPELLINGS[stage];
        boolean economicBuyer =
                random.nextInt(100)
                        < switch (stage) {
                            case PROSPECTING -> 15;
                            case ENGAGING -> 55;
                            case WON -> 90;
                            default -> 40;
                        };
        boolean pain = stage != PROSPECTING || random.nextInt(100) < 40;
        Qualification qualification =
                new Qualification(
                        economicBuyer,
                        random.nextInt(100) < 45,
                        random.nextInt(100) < 35,
                        random.nextInt(100) < 30,
                        random.nextInt(100) < 25,
                        !open && random.nextInt(100) < 60,
                        pain);
        return new Deal(
                String.format("D%06d", d + 1),
                accountName + " " + product,
                accountId,
                ownerId,
                random.nextInt(4) == 0 ? "velocity" : null,
                product,
                spellings[random.nextInt(spellings.length)],
                BigDecimal.valueOf(amount),
                discount,
                dates.at(created),
                dates.at(stageEntered),
                expectedClose,
                open ? null : dates.at(ended),
                random.nextInt(100) < 30 ? pick(random, COMPETITORS) : null,
                open ? random.nextInt(4) : 0,
                qualification);
    }

    /**
     * The territory an account would normally be placed in: the first (by list order) covering its
     * region.
     */
    private static String territoryFor(List<Territory> territories, String region) {
        return territories.stream()
                .filter(t -> t.covers(region))
                .map(Territory::id)
                .findFirst()
                .orElse(null);
    }

    private static <T> List<List<T>> split(
            int teams, List<T> items, java.util.function.IntUnaryOperator teamOf) {
        List<List<T>> byTeam = new ArrayList<>(teams);
        for (int t = 0; t < teams; t++) {
            byTeam.add(new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            byTeam.get(teamOf.applyAsInt(i)).add(items.get(i));
        }
        return byTeam;
    }

    private static int weightedProduct(SplittableRandom random) {
        int roll = random.nextInt(100);
        return roll < 20
                ? 0
                : roll < 35
                        ? 1
                        : roll < 50
                                ? 2
                                : roll < 60
                                        ? 3
                                        : roll < 65
                                                ? 4
                                                : roll < 80 ? 5 : roll < 92 ? 6 : roll < 98 ? 7 : 8;
    }

    private static ActivityType weightedType(SplittableRandom random) {
        int roll = random.nextInt(100);
        for (int i = 0; i < TYPES.length; i++) {
            roll -= TYPE_WEIGHTS[i];
            if (roll < 0) {
                return TYPES[i];
            }
        }
        return TYPES[0];
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String repId(int r) {
        return String.format("R%04d", r + 1);
    }

    private static String managerId(int team) {
        return String.format("M%03d", team + 1);
    }

    private static String accountId(int a) {
        return String.format("A%05d", a + 1);
    }

    /**
     * Dates as day offsets from as-of; one shared instance per day keeps a million activities
     * small.
     */
    private static final class Dates {
        private final LocalDate[] days = new LocalDate[HISTORY_DAYS + 3000 + FUTURE_DAYS + 1];
        private final int origin = HISTORY_DAYS + 3000;

        Dates(LocalDate asOf) {
            for (int i = 0; i < days.length; i++) {
                days[i] = asOf.plusDays(i - origin);
            }
        }

        LocalDate at(int offset) {
            return days[origin + offset];
        }
    }
}
