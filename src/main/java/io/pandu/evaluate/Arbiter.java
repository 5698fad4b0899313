package io.pandu.evaluate;

import io.pandu.guidance.CoachingAlert;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.IncentiveInsight;
import io.pandu.guidance.Recommendation;
import io.pandu.guidance.TerritoryFinding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Decides what a rep actually sees: recommendations ranked by score, one per (code, deal), at most
 * N per deal and M per rep, a few of those places kept for advice about no deal. Everything is put
 * in a total order so the same facts give byte-identical output whatever order the rules fired in.
 */
public final class Arbiter {
    private static final Comparator<Recommendation> BY_RANK =
            Comparator.comparingDouble(Recommendation::score)
                    .reversed()
                    .thenComparing(Recommendation::code)
                    .thenComparing(r -> Objects.toString(r.dealId(), ""))
                    .thenComparing(r -> Objects.toString(r.repId(), ""))
                    .thenComparing(r -> r.rule().name());

    private Arbiter() {}

    /**
     * The guidance of one evaluation from everything the rules raised, arbitrated and in total
     * order.
     */
    public static Guidance guidance(
            String ruleSetVersion,
            LocalDate asOf,
            List<Recommendation> recommendations,
            List<CoachingAlert> alerts,
            List<IncentiveInsight> insights,
            List<TerritoryFinding> findings,
            EvaluationSettings settings) {
        return new Guidance(
                ruleSetVersion,
                asOf,
                recommendations(recommendations, settings),
                alerts(alerts),
                insights(insights),
                findings(findings));
    }

    static List<Recommendation> recommendations(
            List<Recommendation> all, EvaluationSettings settings) {
        List<Recommendation> unique =
                dedupe(all, Arbiter::adviceKey, (a, b) -> BY_RANK.compare(a, b) <= 0 ? a : b);
        unique.sort(BY_RANK);
        return cap(
                unique,
                Recommendation::dealId,
                Recommendation::repId,
                Recommendation::code,
                settings);
    }

    /**
     * Applies the caps to items already in rank order, keeping that order: at most {@code
     * maxPerDeal} per deal, {@code maxPerCode} of one code per rep and {@code maxPerRep} per rep,
     * of which the rep's best {@code repLevelKept} items about no deal are kept whatever their
     * rank. Used on recommendations here and on a rep's actions once their feedback is taken into
     * account.
     */
    public static <T> List<T> cap(
            List<T> ranked,
            Function<T, String> dealOf,
            Function<T, String> repOf,
            Function<T, String> codeOf,
            EvaluationSettings settings) {
        Map<String, Integer> perDeal = new HashMap<>();
        Map<String, Integer> perRep = new HashMap<>();
        Map<String, Integer> perRepCode = new HashMap<>();
        Set<T> reserved = Collections.newSetFromMap(new IdentityHashMap<>());
        for (T item : ranked) {
            String rep = Objects.toString(repOf.apply(item), "");
            String repCode = rep + "|" + codeOf.apply(item);
            if (dealOf.apply(item) == null
                    && perRep.getOrDefault(rep, 0) < settings.repLevelKept()
                    && perRepCode.getOrDefault(repCode, 0) < settings.maxPerCode()) {
                reserved.add(item);
                perRep.merge(rep, 1, Integer::sum);
                perRepCode.merge(repCode, 1, Integer::sum);
            }
        }
        List<T> kept = new ArrayList<>();
        for (T item : ranked) {
            if (reserved.contains(item)) {
                kept.add(item); // already counted for its rep
                continue;
            }
            String deal = dealOf.apply(item);
            String rep = Objects.toString(repOf.apply(item), "");
            if (deal != null && perDeal.getOrDefault(deal, 0) >= settings.maxPerDeal()) {
                continue;
            }
            if (perRep.getOrDefault(rep, 0) >= settings.maxPerRep()) {
                continue;
            }
            String repCode = rep + "|" + codeOf.apply(item);
            if (perRepCode.getOrDefault(repCode, 0) >= settings.maxPerCode()) {
                continue;
            }
            if (deal != null) {
                perDeal.merge(deal, 1, Integer::sum);
            }
            perRep.merge(rep, 1, Integer::sum);
            perRepCode.merge(repCode, 1, Integer::sum);
            kept.add(item);
        }
        return kept;
    }

    /**
     * What makes two recommendations the same advice: code, deal and rep; for advice about no deal
     * (training, cross-sell) also the account and title, so "cross-sell GTX to Acme" and
     * "cross-sell MG to Acme" are both kept.
     */
    private static String adviceKey(Recommendation r) {
        String key = r.code() + "|" + r.dealId() + "|" + r.repId();
        return r.dealId() != null ? key : key + "|" + r.accountId() + "|" + r.title();
    }

    static List<CoachingAlert> alerts(List<CoachingAlert> all) {
        Comparator<CoachingAlert> order =
                Comparator.comparing(CoachingAlert::severity)
                        .reversed()
                        .thenComparing(Comparator.comparingInt(CoachingAlert::priority).reversed())
                        .thenComparing(a -> Objects.toString(a.repId(), ""))
                        .thenComparing(CoachingAlert::code)
                        .thenComparing(a -> Objects.toString(a.dealId(), ""))
                        .thenComparing(a -> a.rule().name());
        List<CoachingAlert> unique =
                dedupe(
                        all,
                        a -> a.code() + "|" + a.repId() + "|" + a.dealId(),
                        (a, b) -> order.compare(a, b) <= 0 ? a : b);
        unique.sort(order);
        return unique;
    }

    static List<IncentiveInsight> insights(List<IncentiveInsight> all) {
        Comparator<IncentiveInsight> order =
                Comparator.comparing((IncentiveInsight i) -> Objects.toString(i.repId(), ""))
                        .thenComparing(i -> Objects.toString(i.dealId(), ""))
                        .thenComparing(IncentiveInsight::code)
                        .thenComparing(i -> i.rule().name());
        List<IncentiveInsight> unique =
                dedupe(
                        all,
                        i -> i.code() + "|" + i.dealId() + "|" + i.repId(),
                        (a, b) -> order.compare(a, b) <= 0 ? a : b);
        unique.sort(order);
        return unique;
    }

    static List<TerritoryFinding> findings(List<TerritoryFinding> all) {
        Comparator<TerritoryFinding> order =
                Comparator.comparing(TerritoryFinding::code)
                        .thenComparing(f -> Objects.toString(f.accountId(), ""))
                        .thenComparing(f -> Objects.toString(f.repId(), ""))
                        .thenComparing(f -> Objects.toString(f.dealId(), ""))
                        .thenComparing(f -> Objects.toString(f.territoryId(), ""))
                        .thenComparing(f -> f.rule().name());
        List<TerritoryFinding> unique =
                dedupe(
                        all,
                        f ->
                                f.code()
                                        + "|"
                                        + f.accountId()
                                        + "|"
                                        + f.repId()
                                        + "|"
                                        + f.dealId()
                                        + "|"
                                        + f.territoryId(),
                        (a, b) -> order.compare(a, b) <= 0 ? a : b);
        unique.sort(order);
        return unique;
    }

    private static <T> List<T> dedupe(
            List<T> items, Function<T, String> key, BinaryOperator<T> keep) {
        Map<String, T> byKey = new LinkedHashMap<>();
        for (T item : items) {
            byKey.merge(key.apply(item), item, keep);
        }
        return new ArrayList<>(byKey.values());
    }
}
