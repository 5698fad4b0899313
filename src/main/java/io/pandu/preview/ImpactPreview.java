package io.pandu.preview;

import io.pandu.evaluate.Evaluation;
import io.pandu.evaluate.Evaluator;
import io.pandu.evaluate.Parallel;
import io.pandu.guidance.CoachingAlert;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.IncentiveInsight;
import io.pandu.guidance.Recommendation;
import io.pandu.guidance.TerritoryFinding;
import io.pandu.rules.RuleSet;
import io.pandu.store.Team;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * What a candidate rule set would change if it went live: both rule sets evaluate the same
 * pipeline, team by team, and the guidance after arbitration is compared item by item. An item is
 * identified by its kind, code and subject (deal, rep, account, territory); the same item in both
 * is "changed" when its score, rank in the rep's list, severity or reason differ. Counting after
 * arbitration, as {@code pandu evaluate --counts} does, is what makes the figures what users would
 * see: a rule that fires more but loses every arbitration adds nothing.
 */
public final class ImpactPreview {
    /** How many example items each code keeps per kind of change. */
    public static final int EXAMPLES_PER_CODE = 3;

    private final Evaluator evaluator;
    private final int threads;

    public ImpactPreview(Evaluator evaluator, int threads) {
        this.evaluator = evaluator;
        this.threads = Math.max(1, threads);
    }

    /** One side of a change: what the item looked like under one rule set. */
    public record Side(Double score, Integer rank, String severity, String reason) {}

    /** An example of an added, removed or changed item, with both sides where they exist. */
    public record Example(
            String change,
            String kind,
            String code,
            String dealId,
            String repId,
            String accountId,
            String territoryId,
            Side before,
            Side after) {}

    /** Counts of one group (a code, a rep or a team). */
    public record Counts(
            String key, String kind, int before, int after, int added, int removed, int changed) {}

    /** Money behind the added or removed recommendations and alerts: distinct deals only. */
    public record Money(int deals, BigDecimal dealValue, BigDecimal earnings) {}

    public record Result(
            String liveVersion,
            String candidateVersion,
            LocalDate asOf,
            int teams,
            int deals,
            int added,
            int removed,
            int changed,
            int unchanged,
            List<Counts> byCode,
            List<Counts> byRep,
            List<Counts> byTeam,
            Money moneyAdded,
            Money moneyRemoved,
            List<Example> examples,
            long millis) {}

    /**
     * The live version's side of a pipeline, team by team, as earlier previews evaluated it. Valid
     * for one live version and one state of the pipeline: whoever keeps it keys it by both (see
     * {@link Previews}), and a preview of another draft then evaluates only the draft's side.
     */
    public static final class LiveSide {
        private final String version;
        private final Map<String, TeamSide> byTeam = new ConcurrentHashMap<>();

        public LiveSide(String version) {
            this.version = version;
        }

        /** How many teams it holds. */
        public int teams() {
            return byTeam.size();
        }
    }

    /** What one rule set gave one team: its deal count and items, flattened for comparison. */
    private record TeamSide(int deals, List<Item> items) {
        static TeamSide of(Evaluation e) {
            return new TeamSide(e.deals(), ImpactPreview.items(e.guidance()));
        }
    }

    /**
     * Evaluates the live side of every team {@code known} does not hold yet, and keeps it there.
     */
    public void evaluateLive(List<Team> teams, RuleSet live, LiveSide known) {
        if (!known.version.equals(live.version())) {
            throw new IllegalArgumentException(
                    "the live side kept is of version "
                            + known.version
                            + ", not "
                            + live.version());
        }
        Parallel.map(
                teams.stream().filter(t -> !known.byTeam.containsKey(t.id())).toList(),
                threads,
                team ->
                        known.byTeam.putIfAbsent(
                                team.id(), TeamSide.of(evaluator.evaluate(team.facts(), live))));
    }

    /**
     * Evaluates {@code teams} with both rule sets. {@code teamsDone} hears each finished team (both
     * sides), for a progress bar.
     */
    public Result compare(
            List<Team> teams, RuleSet live, RuleSet candidate, IntConsumer teamsDone) {
        return compare(teams, live, candidate, new LiveSide(live.version()), teamsDone);
    }

    /**
     * {@link #compare(List, RuleSet, RuleSet, IntConsumer)} taking the live side of each team from
     * {@code known} when it holds it, and leaving there what it evaluated. {@code known} must come
     * from the same teams' facts (the caller's key); its version must be {@code live}'s.
     */
    public Result compare(
            List<Team> teams,
            RuleSet live,
            RuleSet candidate,
            LiveSide known,
            IntConsumer teamsDone) {
        if (!known.version.equals(live.version())) {
            throw new IllegalArgumentException(
                    "the live side kept is of version "
                            + known.version
                            + ", not "
                            + live.version());
        }
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        List<TeamDiff> diffs =
                Parallel.map(
                        teams,
                        threads,
                        team -> {
                            // not computeIfAbsent: that would hold a bin of the map for
                            // the whole evaluation, and the other thread with it
                            TeamSide before = known.byTeam.get(team.id());
                            if (before == null) {
                                before = TeamSide.of(evaluator.evaluate(team.facts(), live));
                                known.byTeam.putIfAbsent(team.id(), before);
                            }
                            Evaluation after = evaluator.evaluate(team.facts(), candidate);
                            TeamDiff diff =
                                    new TeamDiff(
                                            team.id(),
                                            before.deals(),
                                            before.items(),
                                            items(after.guidance()));
                            teamsDone.accept(done.incrementAndGet());
                            return diff;
                        });
        Tally total = new Tally("all", null);
        Map<String, Tally> byCode = new TreeMap<>();
        Map<String, Tally> byRep = new TreeMap<>();
        Map<String, Tally> byTeam = new LinkedHashMap<>();
        MoneyTally moneyAdded = new MoneyTally();
        MoneyTally moneyRemoved = new MoneyTally();
        Map<String, Integer> examplesPerCode = new HashMap<>();
        List<Example> examples = new ArrayList<>();
        int deals = 0;
        LocalDate asOf = null;
        for (TeamDiff diff : diffs) {
            deals += diff.deals;
            Tally team = byTeam.computeIfAbsent(diff.teamId, k -> new Tally(k, null));
            for (Item i : diff.before) {
                countSide(i, true, total, team, byCode, byRep);
            }
            for (Item i : diff.after) {
                countSide(i, false, total, team, byCode, byRep);
            }
            for (Change c : pair(diff.before, diff.after)) {
                Item any = c.after != null ? c.after : c.before;
                List<Tally> groups = new ArrayList<>(List.of(total, team, code(byCode, any)));
                if (any.repId != null) {
                    groups.add(byRep.computeIfAbsent(any.repId, k -> new Tally(k, null)));
                }
                switch (c.kind) {
                    case "added" -> {
                        groups.forEach(t -> t.added++);
                        moneyAdded.add(c.after);
                    }
                    case "removed" -> {
                        groups.forEach(t -> t.removed++);
                        moneyRemoved.add(c.before);
                    }
                    case "changed" -> groups.forEach(t -> t.changed++);
                    default -> {
                        continue;
                    }
                }
                String exampleKey = any.code + "|" + c.kind;
                if (examplesPerCode.merge(exampleKey, 1, Integer::sum) <= EXAMPLES_PER_CODE) {
                    examples.add(c.example());
                }
            }
        }
        if (!teams.isEmpty()) {
            asOf = teams.get(0).facts().asOf();
        }
        int unchanged = total.before - total.removed - total.changed;
        return new Result(
                live.version(),
                candidate.version(),
                asOf,
                teams.size(),
                deals,
                total.added,
                total.removed,
                total.changed,
                unchanged,
                counts(byCode),
                counts(byRep),
                counts(byTeam),
                moneyAdded.money(),
                moneyRemoved.money(),
                examples,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static void countSide(
            Item i,
            boolean before,
            Tally total,
            Tally team,
            Map<String, Tally> byCode,
            Map<String, Tally> byRep) {
        List<Tally> groups = new ArrayList<>(List.of(total, team, code(byCode, i)));
        if (i.repId != null) {
            groups.add(byRep.computeIfAbsent(i.repId, k -> new Tally(k, null)));
        }
        for (Tally t : groups) {
            if (before) {
                t.before++;
            } else {
                t.after++;
            }
        }
    }

    private static Tally code(Map<String, Tally> byCode, Item i) {
        Tally t = byCode.computeIfAbsent(i.code, k -> new Tally(k, i.kind));
        if (!Objects.equals(t.kind, i.kind)) {
            t.kind = "mixed";
        }
        return t;
    }

    private static List<Counts> counts(Map<String, Tally> tallies) {
        return tallies.values().stream()
                .filter(t -> t.before + t.after > 0)
                .map(
                        t ->
                                new Counts(
                                        t.key, t.kind, t.before, t.after, t.added, t.removed,
                                        t.changed))
                .toList();
    }

    /**
     * Pairs the items of both sides by identity. Several items with one identity (rare: a rule
     * raising the same code twice for one subject) pair in order, the surplus is added or removed.
     */
    static List<Change> pair(List<Item> before, List<Item> after) {
        Map<String, Deque<Item>> remaining = new HashMap<>();
        for (Item i : before) {
            remaining.computeIfAbsent(i.identity(), k -> new ArrayDeque<>()).add(i);
        }
        List<Change> changes = new ArrayList<>();
        for (Item a : after) {
            Deque<Item> same = remaining.get(a.identity());
            Item b = same == null ? null : same.poll();
            if (b == null) {
                changes.add(new Change("added", null, a));
            } else {
                changes.add(new Change(b.sameAs(a) ? "unchanged" : "changed", b, a));
            }
        }
        remaining
                .values()
                .forEach(left -> left.forEach(b -> changes.add(new Change("removed", b, null))));
        return changes;
    }

    /** Flattens a team's guidance; a recommendation's rank is its place in its rep's list. */
    static List<Item> items(Guidance g) {
        List<Item> items = new ArrayList<>();
        Map<String, Integer> rankInRep = new HashMap<>();
        for (Recommendation r : g.recommendations()) {
            int rank = rankInRep.merge(Objects.toString(r.repId()), 1, Integer::sum);
            items.add(
                    new Item(
                            "recommendation",
                            r.code(),
                            r.dealId(),
                            r.repId(),
                            r.accountId(),
                            null,
                            new Side(r.score(), rank, null, r.reason()),
                            r.dealValue(),
                            r.earnings()));
        }
        for (CoachingAlert a : g.coachingAlerts()) {
            items.add(
                    new Item(
                            "alert",
                            a.code(),
                            a.dealId(),
                            a.repId(),
                            a.accountId(),
                            null,
                            new Side(null, null, a.severity().json(), a.reason()),
                            a.dealId() == null ? null : a.valueAtStake(),
                            null));
        }
        for (IncentiveInsight i : g.incentiveInsights()) {
            items.add(
                    new Item(
                            "insight",
                            i.code(),
                            i.dealId(),
                            i.repId(),
                            null,
                            null,
                            new Side(null, null, null, i.reason()),
                            null,
                            null));
        }
        for (TerritoryFinding f : g.territoryFindings()) {
            items.add(
                    new Item(
                            "finding",
                            f.code(),
                            f.dealId(),
                            f.repId(),
                            f.accountId(),
                            f.territoryId(),
                            new Side(null, null, null, f.reason()),
                            null,
                            null));
        }
        return items;
    }

    record Item(
            String kind,
            String code,
            String dealId,
            String repId,
            String accountId,
            String territoryId,
            Side side,
            BigDecimal dealValue,
            BigDecimal earnings) {
        String identity() {
            return String.join(
                    "|",
                    kind,
                    code,
                    Objects.toString(dealId),
                    Objects.toString(repId),
                    Objects.toString(accountId),
                    Objects.toString(territoryId));
        }

        boolean sameAs(Item other) {
            return side.equals(other.side);
        }
    }

    record Change(String kind, Item before, Item after) {
        Example example() {
            Item any = after != null ? after : before;
            return new Example(
                    kind,
                    any.kind,
                    any.code,
                    any.dealId,
                    any.repId,
                    any.accountId,
                    any.territoryId,
                    before == null ? null : before.side,
                    after == null ? null : after.side);
        }
    }

    private record TeamDiff(String teamId, int deals, List<Item> before, List<Item> after) {}

    private static final class Tally {
        final String key;
        String kind;
        int before;
        int after;
        int added;
        int removed;
        int changed;

        Tally(String key, String kind) {
            this.key = key;
            this.kind = kind;
        }
    }

    private static final class MoneyTally {
        final Set<String> deals = new HashSet<>();
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal earnings = BigDecimal.ZERO;

        void add(Item i) {
            if (i.dealId == null || !deals.add(i.dealId)) {
                return;
            }
            if (i.dealValue != null) {
                value = value.add(i.dealValue);
            }
            if (i.earnings != null) {
                earnings = earnings.add(i.earnings);
            }
        }

        Money money() {
            return new Money(deals.size(), value, earnings);
        }
    }
}
