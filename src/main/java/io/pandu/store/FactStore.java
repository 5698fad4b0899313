package io.pandu.store;

import io.pandu.evaluate.RecentCache;
import io.pandu.facts.Account;
import io.pandu.facts.Activity;
import io.pandu.facts.Deal;
import io.pandu.facts.FactSet;
import io.pandu.facts.Product;
import io.pandu.facts.Rep;
import io.pandu.facts.Territory;
import java.lang.ref.SoftReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The stored pipeline: one {@link FactTable} per kind of fact, the as-of date the pipeline is
 * evaluated at, and the pipeline cut into one fact set per team for evaluation.
 */
public final class FactStore {
    static final String AS_OF = "as_of";
    static final String AS_OF_SOURCE = "as_of_source";
    private static final String TEAM_REPS = "SELECT id FROM reps WHERE manager_id = ?";

    /** Team fact sets kept: the demo has 6 teams, a 100,000-deal pipeline 70. */
    private static final int TEAMS_KEPT = 16;

    private final Database db;
    private final Clock clock;
    private final FactTable<Manager> managers;
    private final FactTable<Rep> reps;
    private final FactTable<Territory> territories;
    private final FactTable<Account> accounts;
    private final FactTable<Product> products;
    private final FactTable<Deal> deals;
    private final FactTable<Activity> activities;
    private final DealHistory history;
    private volatile AsOf lastKnown;
    private final RecentCache<TeamKey, Team> teams = new RecentCache<>(TEAMS_KEPT);

    private final Object pipelineLock = new Object();
    private State pipelineAt;
    private SoftReference<List<Team>> pipelineKept = new SoftReference<>(null);

    /** A team as read at one state of the store. */
    private record TeamKey(String managerId, LocalDate asOf, long changes) {}

    /**
     * What the stored facts are at: {@code changes} counts every write that changed a fact record
     * (in this process or any other on the same store), {@code asOf} the pipeline's date (today
     * when none is set). Anything computed from the facts is current while both are the same.
     */
    public record State(long changes, LocalDate asOf) {}

    public FactStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.history = new DealHistory(db, clock);
        managers =
                new FactTable<>(
                        db,
                        clock,
                        "managers",
                        Manager.class,
                        Manager::id,
                        List.of(new FactTable.Column<>("name", Manager::name)));
        reps =
                new FactTable<>(
                        db,
                        clock,
                        "reps",
                        Rep.class,
                        Rep::id,
                        List.of(
                                new FactTable.Column<>("name", Rep::name),
                                new FactTable.Column<>("manager_id", Rep::managerId),
                                new FactTable.Column<>("region", Rep::region)));
        territories =
                new FactTable<>(
                        db,
                        clock,
                        "territories",
                        Territory.class,
                        Territory::id,
                        List.of(new FactTable.Column<>("name", Territory::name)));
        accounts =
                new FactTable<>(
                        db,
                        clock,
                        "accounts",
                        Account.class,
                        Account::id,
                        List.of(
                                new FactTable.Column<>("name", Account::name),
                                new FactTable.Column<>("industry", Account::industry),
                                new FactTable.Column<>("region", Account::region),
                                new FactTable.Column<>("territory_id", Account::territoryId),
                                new FactTable.Column<>("owner_id", Account::ownerId)));
        products =
                new FactTable<>(
                        db,
                        clock,
                        "products",
                        Product.class,
                        Product::name,
                        List.of(new FactTable.Column<>("series", Product::series)));
        deals =
                new FactTable<>(
                        db,
                        clock,
                        "deals",
                        Deal.class,
                        Deal::id,
                        List.of(
                                new FactTable.Column<>("name", Deal::name),
                                new FactTable.Column<>("owner_id", Deal::ownerId),
                                new FactTable.Column<>("account_id", Deal::accountId),
                                new FactTable.Column<>("product", Deal::product),
                                new FactTable.Column<>("stage", Deal::stage),
                                new FactTable.Column<>("amount", Deal::amount),
                                new FactTable.Column<>("close_date", Deal::closeDate)),
                        history);
        activities =
                new FactTable<>(
                        db,
                        clock,
                        "activities",
                        Activity.class,
                        Activity::id,
                        List.of(
                                new FactTable.Column<>("deal_id", Activity::dealId),
                                new FactTable.Column<>("rep_id", Activity::repId),
                                new FactTable.Column<>(
                                        "type", a -> a.type() == null ? null : a.type().json()),
                                new FactTable.Column<>("activity_date", Activity::date)));
    }

    public FactTable<Manager> managers() {
        return managers;
    }

    public FactTable<Rep> reps() {
        return reps;
    }

    public FactTable<Territory> territories() {
        return territories;
    }

    public FactTable<Account> accounts() {
        return accounts;
    }

    public FactTable<Product> products() {
        return products;
    }

    public FactTable<Deal> deals() {
        return deals;
    }

    public FactTable<Activity> activities() {
        return activities;
    }

    /**
     * The deals as they were on {@code asOf} (read-only), from their history; the deals themselves
     * when {@code asOf} is absent or the store's as-of date.
     */
    public FactTable<Deal> deals(LocalDate asOf) {
        return isCurrent(asOf) ? deals : deals.readingFrom(history.asOfSource(asOf));
    }

    /** Whether {@code asOf} is the present state: absent, or the store's as-of date. */
    public boolean isCurrent(LocalDate asOf) {
        return asOf == null || asOf.equals(asOfOrToday());
    }

    /** The date the stored pipeline is evaluated at (set by imports); empty means today. */
    public Optional<LocalDate> asOf() {
        return Optional.of(stated()).filter(a -> !a.source().equals(AsOf.CLOCK)).map(AsOf::date);
    }

    public LocalDate asOfOrToday() {
        return stated().date();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), clock.getZone());
    }

    /** The store's change counter and as-of date, read together in one statement. */
    public State state() {
        return db.jdbc()
                .one(
                        "SELECT counter, (SELECT setting_value FROM settings WHERE name = ?)"
                                + " FROM fact_changes WHERE id = 1",
                        rs ->
                                new State(
                                        rs.getLong(1),
                                        rs.getString(2) == null
                                                ? today()
                                                : LocalDate.parse(rs.getString(2))),
                        AS_OF)
                .orElseThrow(() -> new IllegalStateException("the store has no change counter"));
    }

    /** Counts one change of the stored facts, in the transaction that makes it. */
    static void changed(Connection c) throws SQLException {
        Jdbc.update(c, "UPDATE fact_changes SET counter = counter + 1 WHERE id = 1");
    }

    /** The as-of date and its source, read from the store (and remembered: {@link #lastKnown}). */
    public AsOf stated() {
        Map<String, String> settings = new java.util.HashMap<>();
        db.jdbc()
                .query(
                        "SELECT name, setting_value FROM settings WHERE name IN (?, ?)",
                        rs -> settings.put(rs.getString(1), rs.getString(2)),
                        AS_OF,
                        AS_OF_SOURCE);
        AsOf stated =
                settings.containsKey(AS_OF)
                        ? new AsOf(
                                LocalDate.parse(settings.get(AS_OF)),
                                settings.getOrDefault(AS_OF_SOURCE, AsOf.IMPORT))
                        : new AsOf(
                                LocalDate.ofInstant(clock.instant(), clock.getZone()), AsOf.CLOCK);
        lastKnown = stated;
        return stated;
    }

    /**
     * The as-of date as last read or set, without asking the store (for /health, which must answer
     * while the store is down); null before the first read.
     */
    public AsOf lastKnown() {
        return lastKnown;
    }

    /** Sets the as-of date as an import's. */
    public void setAsOf(LocalDate asOf) {
        setAsOf(asOf, AsOf.IMPORT);
    }

    public void setAsOf(LocalDate asOf, String source) {
        db.tx(
                c -> {
                    Instant now = clock.instant();
                    setting(c, AS_OF, asOf.toString(), now);
                    setting(c, AS_OF_SOURCE, source, now);
                    changed(c);
                    return null;
                });
        lastKnown = new AsOf(asOf, source);
    }

    private static void setting(java.sql.Connection c, String name, String value, Instant now)
            throws java.sql.SQLException {
        if (Jdbc.update(
                        c,
                        "UPDATE settings SET setting_value = ?, updated_at = ? WHERE name = ?",
                        value,
                        now,
                        name)
                == 0) {
            Jdbc.update(
                    c,
                    "INSERT INTO settings (name, setting_value, updated_at) VALUES (?, ?, ?)",
                    name,
                    value,
                    now);
        }
    }

    /** A rep's record and the manager they report to, if the rep exists. */
    public Optional<Rep> rep(String repId) {
        return reps.get(repId).map(Stored::value);
    }

    /** Whether some stored rep reports to the manager. */
    public boolean managesReps(String managerId) {
        return db.jdbc().count("SELECT COUNT(*) FROM reps WHERE manager_id = ?", managerId) > 0;
    }

    /** Where a record owned by a rep falls under a scope, as SQL on the given owner column. */
    public static Where scoped(Where where, Scope scope, String ownerColumn) {
        if (scope.repId() != null) {
            return where.and(ownerColumn + " = ?", scope.repId());
        }
        if (scope.managerId() != null) {
            return where.and(ownerColumn + " IN (" + TEAM_REPS + ")", scope.managerId());
        }
        return where;
    }

    /** Activities in scope: logged by a rep in scope, or on a deal such a rep owns. */
    public static Where scopedActivities(Where where, Scope scope) {
        if (scope.all()) {
            return where;
        }
        String reps = scope.repId() != null ? "?" : TEAM_REPS;
        Object who = scope.repId() != null ? scope.repId() : scope.managerId();
        return where.and(
                "(rep_id IN ("
                        + reps
                        + ") OR deal_id IN (SELECT id FROM deals WHERE owner_id IN ("
                        + reps
                        + ")))",
                who,
                who);
    }

    /**
     * The fact set of one manager's team (null: the reps who have no manager), as of {@code asOf}.
     * The last few teams read are kept while the store does not change ({@link #state()}), so the
     * questions about one team (My day, why-not, KPIs) read it once.
     */
    public Team team(String managerId, LocalDate asOf) {
        return team(managerId, new State(state().changes(), asOf));
    }

    /**
     * {@link #team(String, LocalDate)} as of {@code at.asOf()}, at a state of the store the caller
     * read before (so that what it computes from the team can be kept under the same state).
     */
    public Team team(String managerId, State at) {
        return teams.get(
                new TeamKey(managerId, at.asOf(), at.changes()),
                k -> readTeam(k.managerId(), k.asOf()));
    }

    /**
     * The team read from its rows when {@code asOf} is the store's date, else cut from the pipeline
     * as it was then (deals from their history, so owners of that date decide the team).
     */
    private Team readTeam(String managerId, LocalDate asOf) {
        if (managerId == null || !isCurrent(asOf)) {
            String id = managerId == null ? Team.NO_MANAGER : managerId;
            return pipeline(asOf).stream()
                    .filter(t -> t.id().equals(id))
                    .findFirst()
                    .orElse(
                            new Team(
                                    id,
                                    managerId,
                                    new FactSet(asOf, null, null, null, null, null, null)));
        }
        String teamDeals = "SELECT id FROM deals WHERE owner_id IN (" + TEAM_REPS + ")";
        List<Rep> teamReps = reps.all(new Where().eq("manager_id", managerId));
        List<Deal> teamDealList =
                deals.all(new Where().and("owner_id IN (" + TEAM_REPS + ")", managerId));
        List<Activity> teamActivities =
                activities.all(new Where().and("deal_id IN (" + teamDeals + ")", managerId));
        List<Account> teamAccounts =
                accounts.all(
                        new Where()
                                .and(
                                        "(id IN (SELECT account_id FROM deals WHERE owner_id IN ("
                                                + TEAM_REPS
                                                + ")) OR owner_id IN ("
                                                + TEAM_REPS
                                                + "))",
                                        managerId,
                                        managerId));
        List<Deal> otherTeamsDeals =
                deals.all(
                        new Where()
                                .and(
                                        "account_id IN (SELECT account_id FROM deals WHERE owner_id IN ("
                                                + TEAM_REPS
                                                + "))",
                                        managerId)
                                .and(
                                        "(owner_id IS NULL OR owner_id NOT IN (" + TEAM_REPS + "))",
                                        managerId));
        return new Team(
                managerId,
                managerId,
                new FactSet(
                        asOf,
                        teamReps,
                        teamDealList,
                        teamActivities,
                        teamAccounts,
                        territories.all(new Where()),
                        products.all(new Where()),
                        otherTeamsDeals));
    }

    /**
     * The whole stored pipeline, one fact set per team (by manager id, then reps without a manager,
     * then accounts no team touches), each with every product and territory, and the other teams'
     * deals on its accounts as context ({@link FactSet#accountDeals}). The last one read is kept
     * (softly: the collector may take it back) while the store does not change.
     */
    public List<Team> pipeline(LocalDate asOf) {
        return pipeline(new State(state().changes(), asOf));
    }

    /** {@link #pipeline(LocalDate)} as of {@code at.asOf()}, at a state the caller read before. */
    public List<Team> pipeline(State at) {
        synchronized (pipelineLock) {
            List<Team> kept = pipelineKept.get();
            if (at.equals(pipelineAt) && kept != null) {
                return kept;
            }
        }
        List<Team> read = List.copyOf(readPipeline(at.asOf()));
        synchronized (pipelineLock) {
            pipelineAt = at;
            pipelineKept = new SoftReference<>(read);
        }
        return read;
    }

    private List<Team> readPipeline(LocalDate asOf) {
        List<Rep> allReps = reps.all(new Where());
        List<Deal> allDeals = deals(asOf).all(new Where());
        List<Activity> allActivities = activities.all(new Where());
        if (!isCurrent(asOf)) {
            // what had happened by then: no activity logged later, none on a deal not there yet
            Set<String> existed = new HashSet<>();
            allDeals.forEach(d -> existed.add(d.id()));
            allActivities =
                    allActivities.stream()
                            .filter(a -> a.date() == null || !a.date().isAfter(asOf))
                            .filter(a -> a.dealId() == null || existed.contains(a.dealId()))
                            .toList();
        }
        List<Account> allAccounts = accounts.all(new Where());
        List<Territory> allTerritories = territories.all(new Where());
        List<Product> allProducts = products.all(new Where());
        Map<String, TeamParts> parts = new TreeMap<>();
        Map<String, String> teamOfRep = new java.util.HashMap<>();
        for (Rep rep : allReps) {
            String team = rep.hasManager() ? rep.managerId() : Team.NO_MANAGER;
            teamOfRep.put(rep.id(), team);
            parts.computeIfAbsent(team, TeamParts::new).reps.add(rep);
        }
        Map<String, String> teamOfDeal = new java.util.HashMap<>();
        Map<String, List<Deal>> dealsByAccount = new java.util.HashMap<>();
        for (Deal deal : allDeals) {
            if (deal.accountId() != null) {
                dealsByAccount.computeIfAbsent(deal.accountId(), k -> new ArrayList<>()).add(deal);
            }
            String team = teamOfRep.getOrDefault(deal.ownerId(), Team.NO_MANAGER);
            teamOfDeal.put(deal.id(), team);
            TeamParts p = parts.computeIfAbsent(team, TeamParts::new);
            p.deals.add(deal);
            if (deal.accountId() != null) {
                p.accountIds.add(deal.accountId());
            }
        }
        for (Activity a : allActivities) {
            String team =
                    a.dealId() != null ? teamOfDeal.get(a.dealId()) : teamOfRep.get(a.repId());
            parts.computeIfAbsent(team == null ? Team.NO_MANAGER : team, TeamParts::new)
                    .activities
                    .add(a);
        }
        for (Rep rep : allReps) {
            parts.get(teamOfRep.get(rep.id())).repIds.add(rep.id());
        }
        List<Team> teams = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (TeamParts p : parts.values()) {
            List<Account> teamAccounts =
                    allAccounts.stream()
                            .filter(
                                    a ->
                                            p.accountIds.contains(a.id())
                                                    || (a.ownerId() != null
                                                            && p.repIds.contains(a.ownerId())))
                            .toList();
            teamAccounts.forEach(a -> placed.add(a.id()));
            List<Deal> otherTeamsDeals = new ArrayList<>();
            for (String accountId : p.accountIds) {
                for (Deal d : dealsByAccount.getOrDefault(accountId, List.of())) {
                    if (!p.id.equals(teamOfDeal.get(d.id()))) {
                        otherTeamsDeals.add(d);
                    }
                }
            }
            otherTeamsDeals.sort(java.util.Comparator.comparing(Deal::id));
            teams.add(
                    new Team(
                            p.id,
                            p.id.equals(Team.NO_MANAGER) ? null : p.id,
                            new FactSet(
                                    asOf,
                                    p.reps,
                                    p.deals,
                                    p.activities,
                                    teamAccounts,
                                    allTerritories,
                                    allProducts,
                                    otherTeamsDeals)));
        }
        List<Account> unplaced =
                allAccounts.stream().filter(a -> !placed.contains(a.id())).toList();
        if (!unplaced.isEmpty()) {
            teams.add(
                    new Team(
                            Team.UNASSIGNED,
                            null,
                            new FactSet(
                                    asOf,
                                    null,
                                    null,
                                    null,
                                    unplaced,
                                    allTerritories,
                                    allProducts)));
        }
        return teams;
    }

    private static final class TeamParts {
        final String id;
        final List<Rep> reps = new ArrayList<>();
        final List<Deal> deals = new ArrayList<>();
        final List<Activity> activities = new ArrayList<>();
        final Set<String> accountIds = new HashSet<>();
        final Set<String> repIds = new HashSet<>();

        TeamParts(String id) {
            this.id = id;
        }
    }
}
