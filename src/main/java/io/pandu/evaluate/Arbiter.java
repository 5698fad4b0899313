package io.pandu.evaluate;

import io.pandu.guidance.CoachingAlert;
import io.pandu.guidance.Guidance;
import io.pandu.guidance.IncentiveInsight;
import io.pandu.guidance.Recommendation;
import io.pandu.guidance.TerritoryFinding;
import java.math.BigDecimal;
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
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Decides what a rep actually sees: recommendations ranked by score ({@link
 * io.pandu.guidance.Scoring}), ties broken by deal value (higher first), then expected close
 * (sooner first, none last), then id (deal, code, rep, account, title, rule); one per (code, deal);
 * at most N per deal, M per rep and C of one code per rep, a few of those places kept for advice
 * about no deal. The last card of a code the per-code cap cut says how many more like it were held
 * back. Everything is put in a total order so the same facts give byte-identical output whatever
 * order the rules fired in.
 */
public final class Arbiter {
    /** The rank order: best first, ties broken as the class comment says. */
    public static final Comparator<Recommendation> BY_RANK =
            Comparator.comparingDouble(Recommendation::score)
                    .reversed()
                    .thenComparing(
                            (Recommendation r) ->
                                    r.dealValue() == null ? BigDecimal.ZERO : r.dealValue(),
                            Comparator.reverseOrder())
                    .thenComparing(
                            Recommendation::expectedClose,
                            Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(r -> Objects.toString(r.dealId(), ""))
                    .thenComparing(Recommendation::code)
                    .thenComparing(r -> Objects.toString(r.repId(), ""))
                    .thenComparing(r -> Objects.toString(r.accountId(), ""))
                    .thenComparing(r -> Objects.toString(r.title(), ""))
                    .thenComparing(r -> r.rule().name());

    /** The incentive code whose amount is what closing a deal earns the rep. */
    public static final String EARNINGS_CODE = "COMMISSION_ESTIMATE";

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
        List<IncentiveInsight> ranked = insights(insights);
        return new Guidance(
                ruleSetVersion,
                asOf,
                recommendations(withEarnings(recommendations, ranked), settings),
                alerts(alerts),
                ranked,
                findings(findings));
    }

    /**
     * Each recommendation on a deal with what closing that deal earns its rep: the amount of the
     * incentive rules' {@value #EARNINGS_CODE} insight on the deal, so the card and the insight
     * show one figure.
     */
    static List<Recommendation> withEarnings(
            List<Recommendation> all, List<IncentiveInsight> insights) {
        Map<String, BigDecimal> earnings = new HashMap<>();
        for (IncentiveInsight i : insights) {
            if (EARNINGS_CODE.equals(i.code()) && i.dealId() != null) {
                earnings.putIfAbsent(i.repId() + "|" + i.dealId(), i.amount());
            }
        }
        if (earnings.isEmpty()) {
            return all;
        }
        List<Recommendation> out = new ArrayList<>(all.size());
        for (Recommendation r : all) {
            BigDecimal e = r.dealId() == null ? null : earnings.get(r.repId() + "|" + r.dealId());
            out.add(e == null ? r : r.withEarnings(e));
        }
        return out;
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
                Recommendation::withMoreLikeThis,
                settings);
    }

    /**
     * Applies the caps to items already in rank order, keeping that order: at most {@code
     * maxPerDeal} per deal, {@code maxPerCode} of one code per rep and {@code maxPerRep} per rep,
     * of which the rep's best {@code repLevelKept} items about no deal are kept whatever their
     * rank. Used on recommendations here and on a rep's actions once their feedback is taken into
     * account. An item the per-code cap alone keeps out (it would otherwise have had a place) is
     * counted, and the last kept item of its rep and code is replaced by {@code withMore} with that
     * count ("3 more like this").
     */
    public static <T> List<T> cap(
            List<T> ranked,
            Function<T, String> dealOf,
            Function<T, String> repOf,
            Function<T, String> codeOf,
            BiFunction<T, Integer, T> withMore,
            EvaluationSettings settings) {
        Map<String, Integer> perDeal = new HashMap<>();
        Map<String, Integer> perRep = new HashMap<>();
        Map<String, Integer> perRepCode = new HashMap<>();
        Map<String, Integer> lastOfRepCode = new HashMap<>();
        Map<String, Integer> heldBack = new LinkedHashMap<>();
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
                lastOfRepCode.put(
                        Objects.toString(repOf.apply(item), "") + "|" + codeOf.apply(item),
                        kept.size());
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
                heldBack.merge(repCode, 1, Integer::sum);
                continue;
            }
            if (deal != null) {
                perDeal.merge(deal, 1, Integer::sum);
            }
            perRep.merge(rep, 1, Integer::sum);
            perRepCode.merge(repCode, 1, Integer::sum);
            lastOfRepCode.put(repCode, kept.size());
            kept.add(item);
        }
        heldBack.forEach(
                (repCode, more) -> {
                    Integer at = lastOfRepCode.get(repCode);
                    if (at != null) {
                        kept.set(at, withMore.apply(kept.get(at), more));
                    }
                });
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
